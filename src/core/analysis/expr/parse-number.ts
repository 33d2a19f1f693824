import type { Expr } from './ast.js';

const INT64_MAX = 2n ** 63n - 1n;

/** An int or float literal node from a Number token (`1_000`, `0x1F`, `0b101`, `0o17`, `1.5e3`, `.5`), or expr's error. */
export function parseNumberLiteral(text: string, pos: number): Expr | { error: string } {
  const digits = text.replaceAll('_', '');
  const lower = digits.toLowerCase();
  const base = lower.startsWith('0x')
    ? 'hex'
    : lower.startsWith('0b')
      ? 'binary'
      : lower.startsWith('0o')
        ? 'octal'
        : undefined;
  if (base === undefined && /[.e]/.test(lower)) {
    const value = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower) ? Number(digits) : Number.NaN;
    if (Number.isFinite(value)) return { kind: 'float', value, pos };
    const problem = Number.isNaN(value) ? 'invalid syntax' : 'value out of range';
    return {
      error: `invalid float literal: strconv.ParseFloat: parsing ${JSON.stringify(digits)}: ${problem}`,
    };
  }
  const valid = base === undefined ? /^\d+$/.test(digits) : /^0[xob][0-9a-f]+$/.test(lower);
  const value = valid ? BigInt(lower) : undefined;
  if (value !== undefined && value <= INT64_MAX) return { kind: 'int', value, pos };
  const problem = value === undefined ? 'invalid syntax' : 'value out of range';
  return {
    error: `invalid ${base ?? 'integer'} literal: strconv.ParseInt: parsing ${JSON.stringify(digits)}: ${problem}`,
  };
}
