import { formatGoDuration } from '../../../domain/go-duration.js';
import { formatTime, type GoDuration } from './time.js';
import { kindOf } from './values.js';

/** Go's `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`): `0.5`, `1e+06`, `1.5e-07`, `+Inf`, `NaN`. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  // strconv's shortest %g: scientific when the exponent is < -4 or >= 6 ("use precision 6 for this decision").
  if (exponent < -4 || exponent >= 6) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const abs = Math.abs(exponent);
    return `${sign}${head}e${exponent < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
  }
  return plain(sign, digits, exponent);
}

function plain(sign: string, digits: string, exponent: number): string {
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const frac = digits.slice(exponent + 1);
  return `${sign}${whole}${frac === '' ? '' : `.${frac}`}`;
}

/** Go's `fmt.Sprint` of a value, as expr's `string()` and messages print it. */
export function formatValue(value: unknown): string {
  switch (kindOf(value)) {
    case 'nil':
      return '<nil>';
    case 'float':
      return formatFloat(value as number);
    case 'array':
      return `[${(value as unknown[]).map(formatValue).join(' ')}]`;
    case 'map': {
      const map = value as Record<string, unknown>;
      const keys = Object.keys(map).sort();
      return `map[${keys.map((k) => `${k}:${formatValue(map[k])}`).join(' ')}]`;
    }
    case 'time':
      return formatTime(value as Date);
    case 'duration':
      return formatGoDuration((value as GoDuration).ns);
    default:
      return String(value);
  }
}

/** Go's `%q` for the strings expr quotes in messages (close enough: JSON escaping). */
export function quote(text: string): string {
  return JSON.stringify(text);
}
