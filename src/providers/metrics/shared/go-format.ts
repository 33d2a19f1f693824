/**
 * Number formatting as upstream's Go code prints measurement values, so value strings read the
 * same as in Argo Rollouts: Prometheus uses `strconv.FormatFloat(v, 'f', -1, 64)`, Graphite `%f`,
 * InfluxDB `fmt.Sprint` (`%v`).
 */

/** `strconv.FormatFloat(v, 'f', -1, 64)`: shortest round-trip digits, never an exponent. */
export function formatFloatPlain(v: number): string {
  if (!Number.isFinite(v)) return special(v);
  if (Object.is(v, -0)) return '-0';
  const { negative, digits, exponent } = decompose(v);
  const point = exponent + 1; // digits before the decimal point
  let body: string;
  if (point <= 0) body = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) body = digits + '0'.repeat(point - digits.length);
  else body = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}

/** Go's `%v` for a float64: shortest digits, exponent form (`1e-05`, `1.5e+21`) when exp < -4 or ≥ 21. */
export function formatFloatV(v: number): string {
  if (!Number.isFinite(v)) return special(v);
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const { negative, digits, exponent } = decompose(v);
  if (exponent >= -4 && exponent < 21) return formatFloatPlain(v);
  const mantissa = digits.length > 1 ? `${digits[0] ?? ''}.${digits.slice(1)}` : digits;
  const exp = `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return `${negative ? '-' : ''}${mantissa}e${exp}`;
}

/** Go's `%f`: six decimals. */
export function formatFloatFixed6(v: number): string {
  if (!Number.isFinite(v)) return special(v);
  if (Math.abs(v) < 1e21) return v.toFixed(6);
  return `${formatFloatPlain(v)}.000000`;
}

/**
 * Go's `strconv.ParseFloat` for the strings Prometheus and Graphite send: decimals, exponents,
 * `NaN`, `+Inf`, `-Inf`, `Inf` (any case). `undefined` when it is not a float.
 */
export function parseGoFloat(text: string): number | undefined {
  const t = text.trim();
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return undefined;
  return Number(t);
}

function special(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  return v > 0 ? '+Inf' : '-Inf';
}

/** Shortest round-trip decimal digits of |v| and the decimal exponent of the first digit. */
function decompose(v: number): { negative: boolean; digits: string; exponent: number } {
  const [mantissa = '0', exp = '0'] = Math.abs(v).toExponential().split('e');
  return { negative: v < 0, digits: mantissa.replace('.', ''), exponent: Number(exp) };
}
