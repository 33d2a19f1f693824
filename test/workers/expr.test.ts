import { describe, expect, it } from 'vitest';
import { CONDITION_CASES, EXPR_CASES } from '../core/analysis/expr/cases.js';
import { conditionOutcomeOf, outcomeOf } from '../core/analysis/expr/outcome.js';

// The same table as test/core/analysis/expr, run inside workerd: identical answers in both runtimes. (The test
// pool turns on unsafe-eval, so "no code generation" is checked on the source in the Node suite instead.)
describe('condition language in workerd', () => {
  it('runs in workerd', () => {
    expect((globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent).toBe(
      'Cloudflare-Workers',
    );
  });

  it('gives every expression row its expected value or error', () => {
    expect(EXPR_CASES.map(outcomeOf)).toEqual(EXPR_CASES.map((row) => row.expected));
  });

  it('gives every condition row its expected bool or error', () => {
    expect(CONDITION_CASES.map(conditionOutcomeOf)).toEqual(
      CONDITION_CASES.map((row) => row.expected),
    );
  });
});
