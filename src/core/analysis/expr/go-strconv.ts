import { quote } from './format.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's `strconv.ParseInt(s, 10, 64)`: optional sign and decimal digits; the error text is Go's. */
export function parseGoInt(text: string): bigint | { error: string } {
  if (!/^[+-]?\d+$/.test(text))
    return { error: `strconv.ParseInt: parsing ${quote(text)}: invalid syntax` };
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX)
    return { error: `strconv.ParseInt: parsing ${quote(text)}: value out of range` };
  return value;
}

/**
 * Go's `strconv.ParseFloat(s, 64)` for decimal input and `inf`/`infinity`/`nan` in any case (hexadecimal
 * floats are not read). Overflow is Go's range error; underflow quietly gives 0 as in Go.
 */
export function parseGoFloat(text: string): number | { error: string } {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    if (special[2]?.toLowerCase() === 'nan') return Number.NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    return { error: `strconv.ParseFloat: parsing ${quote(text)}: invalid syntax` };
  }
  const value = Number(text);
  if (!Number.isFinite(value))
    return { error: `strconv.ParseFloat: parsing ${quote(text)}: value out of range` };
  return value;
}
