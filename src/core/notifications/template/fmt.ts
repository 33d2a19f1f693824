import { formatFloat } from '../../analysis/expr/format.js';
import { goQuote } from './quote.js';
import { formatValue, goTypeName, kindOf } from './values.js';

/** Go's `fmt.Sprint`: a space between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(arg);
  });
  return out;
}

export function sprintln(args: readonly unknown[]): string {
  return `${args.map(formatValue).join(' ')}\n`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  zero: boolean;
  space: boolean;
  width: number | undefined;
  precision: number | undefined;
}

/** Go's `fmt.Sprintf` for the verbs templates use, with Go's `%!verb(type=value)` for mismatches. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argIndex = 0;
  let i = 0;
  const takeInt = (): number | undefined => {
    const arg = args[argIndex];
    argIndex += 1;
    return typeof arg === 'bigint' ? Number(arg) : undefined;
  };
  while (i < format.length) {
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, percent);
    i = percent + 1;
    const spec: Spec = {
      minus: false,
      plus: false,
      sharp: false,
      zero: false,
      space: false,
      width: undefined,
      precision: undefined,
    };
    for (; i < format.length; i += 1) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === '0') spec.zero = true;
      else if (c === ' ') spec.space = true;
      else break;
    }
    if (format[i] === '*') {
      spec.width = takeInt();
      i += 1;
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        spec.width = Number(m[0]);
        i += m[0].length;
      }
    }
    if (format[i] === '.') {
      i += 1;
      if (format[i] === '*') {
        spec.precision = takeInt();
        i += 1;
      } else {
        const m = /^\d*/.exec(format.slice(i))?.[0] ?? '';
        spec.precision = Number(m || '0');
        i += m.length;
      }
    }
    const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argIndex >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argIndex];
    argIndex += 1;
    out += pad(formatVerb(verb, arg, spec), spec, isNumeric(arg));
  }
  if (argIndex < args.length) {
    const extra = args.slice(argIndex).map((a) => `${goTypeName(a)}=${formatValue(a)}`);
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || typeof value === 'bigint';
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined || text.length >= spec.width) return text;
  if (spec.minus) return text.padEnd(spec.width, ' ');
  if (spec.zero && numeric && /^[+-]?[0-9a-fA-F.e+]+$/.test(text)) {
    const sign = /^[+-]/.test(text) ? (text[0] ?? '') : '';
    return sign + text.slice(sign.length).padStart(spec.width - sign.length, '0');
  }
  return text.padStart(spec.width, ' ');
}

function badVerb(verb: string, arg: unknown): string {
  const kind = kindOf(arg);
  if (kind === 'nil' || kind === 'invalid') return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(arg)}=${formatValue(arg)})`;
}

function formatVerb(verb: string, arg: unknown, spec: Spec): string {
  const kind = kindOf(arg);
  if (verb === 'v') {
    if (spec.sharp && typeof arg === 'string') return goQuote(arg);
    if (kind === 'float64') return signed(formatFloat(arg as number), spec);
    if (kind === 'int') return signed(String(arg), spec);
    return formatValue(arg);
  }
  if (kind === 'slice' && verb !== 'T') {
    return `[${(arg as unknown[]).map((e) => formatVerb(verb, e, spec)).join(' ')}]`;
  }
  if (kind === 'map' && verb !== 'T') {
    // Go applies the verb to every key and value: %s of a map prints its strings bare.
    const map = arg as Record<string, unknown>;
    const entries = Object.keys(map)
      .sort()
      .map((k) => `${formatVerb(verb, k, spec)}:${formatVerb(verb, map[k], spec)}`);
    return `map[${entries.join(' ')}]`;
  }
  if (verb === 'T') return goTypeName(arg);
  switch (kind) {
    case 'string':
      return formatString(verb, arg as string, spec) ?? badVerb(verb, arg);
    case 'int':
      return formatInt(verb, arg as bigint, spec) ?? badVerb(verb, arg);
    case 'float64':
      return formatFloatVerb(verb, arg as number, spec) ?? badVerb(verb, arg);
    case 'bool':
      return verb === 't' ? String(arg) : badVerb(verb, arg);
    case 'time':
    case 'duration':
    case 'stringer':
      if (verb === 's') return formatValue(arg);
      if (verb === 'q') return goQuote(formatValue(arg));
      return badVerb(verb, arg);
    default:
      return badVerb(verb, arg);
  }
}

function formatString(verb: string, text: string, spec: Spec): string | undefined {
  const cut = spec.precision === undefined ? text : [...text].slice(0, spec.precision).join('');
  switch (verb) {
    case 's':
      return cut;
    case 'q':
      return spec.sharp && !cut.includes('`') ? `\`${cut}\`` : goQuote(cut);
    case 'x':
    case 'X': {
      const hex = [...new TextEncoder().encode(cut)].map((b) => b.toString(16).padStart(2, '0'));
      const joined = hex.join(spec.space ? ' ' : '');
      return verb === 'X' ? joined.toUpperCase() : joined;
    }
    default:
      return undefined;
  }
}

function signed(text: string, spec: Spec): string {
  if (text.startsWith('-')) return text;
  return (spec.plus ? '+' : spec.space ? ' ' : '') + text;
}

function formatInt(verb: string, value: bigint, spec: Spec): string | undefined {
  const abs = value < 0n ? -value : value;
  const sign = value < 0n ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  switch (verb) {
    case 'd':
      return sign + abs.toString(10);
    case 'b':
      return sign + abs.toString(2);
    case 'o':
      return sign + (spec.sharp ? '0' : '') + abs.toString(8);
    case 'x':
      return sign + (spec.sharp ? '0x' : '') + abs.toString(16);
    case 'X':
      return sign + (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase();
    case 'c':
      return String.fromCodePoint(Number(value));
    case 'q':
      return goQuote(String.fromCodePoint(Number(value)), "'");
    case 'e':
    case 'f':
    case 'g':
      return undefined;
    default:
      return undefined;
  }
}

function formatFloatVerb(verb: string, value: number, spec: Spec): string | undefined {
  if (!Number.isFinite(value)) {
    const text = Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
    return ['e', 'E', 'f', 'F', 'g', 'G'].includes(verb) ? text : undefined;
  }
  switch (verb) {
    case 'f':
    case 'F':
      return signed(toFixedEven(value, spec.precision ?? 6), spec);
    case 'e':
    case 'E': {
      const text = goExponent(value.toExponential(spec.precision ?? 6));
      return signed(verb === 'E' ? text.toUpperCase() : text, spec);
    }
    case 'g':
    case 'G': {
      if (spec.precision === undefined) {
        const shortest = signed(formatFloat(value), spec);
        return verb === 'G' ? shortest.toUpperCase() : shortest;
      }
      const text = Number(value.toPrecision(spec.precision || 1));
      const exponent = text === 0 ? 0 : Math.floor(Math.log10(Math.abs(text)));
      const out =
        exponent < -4 || exponent >= (spec.precision || 1)
          ? goExponent(text.toExponential())
          : String(text);
      return signed(verb === 'G' ? out.toUpperCase() : out, spec);
    }
    default:
      return undefined;
  }
}

/** JavaScript writes `1.5e+6`; Go writes at least two exponent digits: `1.5e+06`. */
function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * `toFixed`, but an exact tie rounds to even as Go's strconv does (`%.0f` of 2.5 is `2`);
 * JavaScript rounds ties up. A tie has a short exact expansion, which `toFixed` can show whole.
 */
function toFixedEven(value: number, digits: number): string {
  const exact = Math.abs(value).toFixed(Math.min(100, digits + 30));
  const point = exact.indexOf('.');
  const rest = exact.slice(point + 1 + digits);
  if (!/^50*$/.test(rest)) return value.toFixed(digits);
  const kept = exact.slice(0, point + 1 + digits).replace(/\.$/, '');
  const lastDigit = Number(kept.replace('.', '').at(-1) ?? '0');
  const rounded =
    lastDigit % 2 === 0 ? kept : (Math.abs(value) + 0.5 * 10 ** -digits).toFixed(digits);
  return (value < 0 || Object.is(value, -0) ? '-' : '') + rounded;
}
