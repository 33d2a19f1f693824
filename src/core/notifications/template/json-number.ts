/**
 * Go's JSON encoding of a float64: like ES's shortest form, but with exponents only below 1e-6 or
 * from 1e21, and the exponent written without a `+` padding quirk (`1e+21`, `1e-07`).
 */
export function formatFloatJson(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(value);
}
