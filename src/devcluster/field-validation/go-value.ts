/**
 * A decoded JSON value printed as Go's `%v` prints the `map[string]interface{}` it decodes into:
 * `map[a:1 b:map[c:x]]`, keys sorted, `[x y]` for arrays, `<nil>` for null. Numbers are float64,
 * so `%v` is `%g` with the shortest digits: an exponent below 1e-4 and from 1e+06 on.
 */
export function formatGoValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(formatGoValue).join(' ')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `map[${keys.map((k) => `${k}:${formatGoValue(record[k])}`).join(' ')}]`;
  }
  if (typeof value === 'number') return formatGoFloat(value);
  return String(value);
}

function formatGoFloat(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (exp >= -4 && exp < 6) return String(x);
  const [mantissa = '', power = '0'] = x.toExponential().split('e');
  const n = Number(power);
  return `${mantissa}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}
