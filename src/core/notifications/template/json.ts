import { FunctionError } from './errors.js';
import { formatFloatJson } from './json-number.js';
import type { GoDuration, GoMonth, GoTime, GoWeekday } from './time.js';
import { kindOf } from './values.js';

/**
 * Go's `json.Marshal` of template values: map keys sorted, `<`, `>`, `&`, U+2028 and U+2029
 * escaped unless `raw` (sprig's `toRawJson`), `indent` as `json.MarshalIndent("", indent)`.
 */
export function marshalJson(
  value: unknown,
  options: { raw?: boolean; indent?: string } = {},
): string {
  return write(value, options.raw ?? false, options.indent ?? '', '');
}

function write(value: unknown, raw: boolean, indent: string, prefix: string): string {
  const inner = prefix + indent;
  const newline = indent === '' ? '' : '\n';
  switch (kindOf(value)) {
    case 'invalid':
    case 'nil':
      return 'null';
    case 'bool':
    case 'int':
      return String(value);
    case 'float64':
      return formatFloatJson(value as number);
    case 'string':
      return quoteJson(value as string, raw);
    case 'slice': {
      const list = value as unknown[];
      if (list.length === 0) return '[]';
      const items = list.map((v) => inner + write(v, raw, indent, inner));
      return `[${newline}${items.join(`,${newline}`)}${newline}${prefix}]`;
    }
    case 'map': {
      const map = value as Record<string, unknown>;
      const keys = Object.keys(map).sort();
      if (keys.length === 0) return '{}';
      const sep = indent === '' ? ':' : ': ';
      const items = keys.map(
        (k) => inner + quoteJson(k, raw) + sep + write(map[k], raw, indent, inner),
      );
      return `{${newline}${items.join(`,${newline}`)}${newline}${prefix}}`;
    }
    case 'time':
      // encoding/json writes a time.Time as RFC 3339 with nanoseconds.
      return quoteJson((value as GoTime).Format('2006-01-02T15:04:05.999999999Z07:00'), raw);
    case 'duration':
      return String((value as GoDuration).ns);
    case 'stringer':
      return String((value as GoMonth | GoWeekday).value);
    default:
      throw new FunctionError(`json: unsupported type: ${kindOf(value)}`);
  }
}

function quoteJson(text: string, raw: boolean): string {
  const quoted = JSON.stringify(text).replace(
    /[\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  );
  if (raw) return quoted;
  return quoted.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}
