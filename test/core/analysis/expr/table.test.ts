import { describe, expect, it } from 'vitest';
import { CONDITION_CASES, EXPR_CASES } from './cases.js';
import { conditionOutcomeOf, outcomeOf } from './outcome.js';

describe('condition language table (spec §2.3)', () => {
  it('has several hundred rows', () => {
    expect(EXPR_CASES.length).toBeGreaterThanOrEqual(400);
  });

  it.each(EXPR_CASES)('$group: $expr', (row) => {
    expect(outcomeOf(row)).toEqual(row.expected);
  });
});

describe('evaluateCondition', () => {
  it.each(CONDITION_CASES)('$condition with result $result', (row) => {
    expect(conditionOutcomeOf(row)).toEqual(row.expected);
  });
});
