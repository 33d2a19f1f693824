import { ExprError } from './errors.js';
import { addDuration, GoDuration, subtractTimes } from './time.js';
import { floatToInt, isNumber, toFloat, typeName, wrapInt } from './values.js';

/** expr caps ranges (and other allocations) at a memory budget of one million items. */
const MEMORY_BUDGET = 1_000_000;

export function invalidOperation(left: unknown, op: string, right: unknown): ExprError {
  return new ExprError(`invalid operation: ${typeName(left)} ${op} ${typeName(right)}`);
}

/** `!`/`not`, unary `-` and `+`. */
export function applyUnary(op: string, value: unknown): unknown {
  if (op === '!' || op === 'not') {
    if (typeof value !== 'boolean')
      throw new ExprError(`invalid operation: ${op} ${typeName(value)}`);
    return !value;
  }
  if (typeof value === 'bigint') return op === '-' ? wrapInt(-value) : value;
  if (typeof value === 'number') return op === '-' ? -value : value;
  throw new ExprError(`invalid operation: ${op} ${typeName(value)}`);
}

/** `+ - * / % ** ^` with expr's runtime rules: int op int stays int (int64), `/` is always float, `%` ints only. */
export function applyArithmetic(op: string, a: unknown, b: unknown): unknown {
  if (isNumber(a) && isNumber(b)) return arithmetic(op, a, b);
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (a instanceof Date && b instanceof GoDuration && (op === '+' || op === '-')) {
    return addDuration(a, op === '+' ? b : new GoDuration(-b.ns));
  }
  if (op === '+' && a instanceof GoDuration && b instanceof Date) return addDuration(b, a);
  if (op === '-' && a instanceof Date && b instanceof Date) return subtractTimes(a, b);
  const durations = durationArithmetic(op, a, b);
  if (durations !== undefined) return durations;
  throw invalidOperation(a, op, b);
}

function arithmetic(op: string, a: bigint | number, b: bigint | number): bigint | number {
  const ints = typeof a === 'bigint' && typeof b === 'bigint';
  switch (op) {
    case '+':
      return ints ? wrapInt(a + b) : toFloat(a) + toFloat(b);
    case '-':
      return ints ? wrapInt(a - b) : toFloat(a) - toFloat(b);
    case '*':
      return ints ? wrapInt(a * b) : toFloat(a) * toFloat(b);
    case '/':
      return toFloat(a) / toFloat(b);
    case '%':
      if (!ints) throw invalidOperation(a, op, b);
      if (b === 0n) throw new ExprError('runtime error: integer divide by zero');
      return a % b;
    default:
      return power(toFloat(a), toFloat(b));
  }
}

/** Go's `math.Pow`, which differs from `Math.pow` on `1 ** NaN` and `(-1) ** ±Inf` (both 1). */
function power(x: number, y: number): number {
  if (x === 1 || (x === -1 && (y === Infinity || y === -Infinity))) return 1;
  return x ** y;
}

function durationArithmetic(op: string, a: unknown, b: unknown): GoDuration | number | undefined {
  const ns = (v: unknown): bigint | number | undefined =>
    v instanceof GoDuration ? v.ns : isNumber(v) ? v : undefined;
  const [x, y] = [ns(a), ns(b)];
  if (x === undefined || y === undefined || !(a instanceof GoDuration || b instanceof GoDuration))
    return undefined;
  if ((op === '+' || op === '-') && a instanceof GoDuration && b instanceof GoDuration) {
    return new GoDuration(wrapInt(op === '+' ? a.ns + b.ns : a.ns - b.ns));
  }
  if (op !== '*') return undefined;
  if (typeof x === 'bigint' && typeof y === 'bigint') return new GoDuration(wrapInt(x * y));
  return toFloat(x) * toFloat(y);
}

/** `< > <= >=` over numbers (int and float mix), strings, times and durations. */
export function applyComparison(op: string, a: unknown, b: unknown): boolean {
  let order: number | undefined;
  if (isNumber(a) && isNumber(b)) {
    if (typeof a === 'bigint' && typeof b === 'bigint') order = a < b ? -1 : a > b ? 1 : 0;
    else order = toFloat(a) - toFloat(b);
  } else if (typeof a === 'string' && typeof b === 'string') {
    order = a < b ? -1 : a > b ? 1 : 0;
  } else if (a instanceof Date && b instanceof Date) {
    order = a.getTime() - b.getTime();
  } else if (a instanceof GoDuration && b instanceof GoDuration) {
    order = a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0;
  }
  if (order === undefined) throw invalidOperation(a, op, b);
  switch (op) {
    case '<':
      return order < 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    default:
      return order >= 0;
  }
}

/** `a..b`: the ints from a to b inclusive (empty when b < a). */
export function makeRange(a: unknown, b: unknown): bigint[] {
  if (!isNumber(a) || !isNumber(b)) throw invalidOperation(a, '..', b);
  const [from, to] = [
    typeof a === 'bigint' ? a : floatToInt(a),
    typeof b === 'bigint' ? b : floatToInt(b),
  ];
  const size = to - from + 1n;
  if (size >= BigInt(MEMORY_BUDGET)) throw new ExprError('memory budget exceeded');
  return size <= 0n ? [] : Array.from({ length: Number(size) }, (_, i) => from + BigInt(i));
}
