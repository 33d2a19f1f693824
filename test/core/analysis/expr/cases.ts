/**
 * The condition-language table (spec §2.3): expressions with the value or the expr error they must give,
 * written from expr-lang/expr's semantics. Shared by the Node suite and the workerd run.
 */
import { ACCESS_CASES } from './cases-access.js';
import { ARGO_CASES, TIME_AND_ERROR_CASES } from './cases-argo.js';
import { BUILTIN_CASES } from './cases-builtins.js';
import type { ExprCase } from './case-builders.js';
import { LANGUAGE_CASES } from './cases-language.js';

export type { Expected, ExprCase } from './case-builders.js';

export const EXPR_CASES: readonly ExprCase[] = [
  ...LANGUAGE_CASES,
  ...ACCESS_CASES,
  ...BUILTIN_CASES,
  ...ARGO_CASES,
  ...TIME_AND_ERROR_CASES,
];

export interface ConditionCase {
  readonly condition: string;
  readonly result: unknown;
  readonly now?: string;
  readonly expected: { readonly value: boolean } | { readonly error: string };
}

/** `evaluateCondition`: a success/failureCondition must give a bool. */
export const CONDITION_CASES: readonly ConditionCase[] = [
  { condition: 'result[0] >= 0.95', result: [0.97], expected: { value: true } },
  { condition: 'result[0] >= 0.95', result: [0.9], expected: { value: false } },
  { condition: 'result', result: true, expected: { value: true } },
  { condition: 'result.status == "ok"', result: { status: 'ok' }, expected: { value: true } },
  { condition: 'default(result, 0) > 1', result: null, expected: { value: false } },
  { condition: 'isNil(result) || result > 1', result: null, expected: { value: true } },
  { condition: 'asInt(result) > 5', result: '7', expected: { value: true } },
  { condition: 'result', result: 1.5, expected: { error: 'expected bool, but got float64' } },
  { condition: '1 + 1', result: null, expected: { error: 'expected bool, but got int' } },
  { condition: '"s"', result: null, expected: { error: 'expected bool, but got string' } },
  { condition: 'nil', result: null, expected: { error: 'expected bool, but got <nil>' } },
  { condition: 'result', result: null, expected: { error: 'expected bool, but got <nil>' } },
  {
    condition: '[true]',
    result: null,
    expected: { error: 'expected bool, but got []interface {}' },
  },
  {
    condition: '{a: true}',
    result: null,
    expected: { error: 'expected bool, but got map[string]interface {}' },
  },
  { condition: 'result > 1 +', result: 2, expected: { error: 'unexpected token EOF' } },
  {
    condition: 'result[0] > 1',
    result: [],
    expected: { error: 'index out of range: 0 (array length is 0)' },
  },
  {
    condition: 'now() > date("2024-01-01")',
    result: null,
    expected: { error: 'now() is unavailable: no clock was passed to the evaluation' },
  },
  {
    condition: 'now() > date("2024-01-01")',
    result: null,
    now: '2024-06-01T00:00:00Z',
    expected: { value: true },
  },
];
