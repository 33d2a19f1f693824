/**
 * A port of the shape of apimachinery's `field.Error`: upstream turns the first one into the
 * InvalidSpec condition with `err.Error()`, i.e. `<field path>: <type>[: <bad value>][: <detail>]`.
 */
export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Forbidden'
  | 'Internal error'
  | 'Unsupported value'
  | 'Duplicate value';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  detail: string;
  /** The offending value, shaped like the Go value upstream passes (see `renderBadValue`). */
  value?: unknown;
}

export const invalid = (field: string, value: unknown, detail: string): FieldError => ({
  type: 'Invalid value',
  field,
  value,
  detail,
});
export const required = (field: string, detail: string): FieldError => ({
  type: 'Required value',
  field,
  detail,
});
export const forbidden = (field: string, detail: string): FieldError => ({
  type: 'Forbidden',
  field,
  detail,
});
export const internalError = (field: string, detail: string): FieldError => ({
  type: 'Internal error',
  field,
  detail,
});
export const duplicate = (field: string, value: unknown): FieldError => ({
  type: 'Duplicate value',
  field,
  value,
  detail: '',
});
export const notSupported = (
  field: string,
  value: unknown,
  supported: readonly string[],
): FieldError => ({
  type: 'Unsupported value',
  field,
  value,
  detail: supported.length > 0 ? `supported values: ${supported.map(goQuote).join(', ')}` : '',
});

/** `field.Error.Error()`. Required, Forbidden and Internal errors never print the value. */
export function formatFieldError(e: FieldError): string {
  let body: string = e.type;
  if (
    e.type === 'Invalid value' ||
    e.type === 'Unsupported value' ||
    e.type === 'Duplicate value'
  ) {
    body += `: ${renderBadValue(e.value)}`;
  }
  if (e.detail !== '') body += `: ${e.detail}`;
  return `${e.field}: ${body}`;
}

/**
 * How apimachinery prints a bad value: numbers and booleans bare, strings Go-quoted, anything else
 * as Go's `json.Marshal` would (so callers pass objects shaped in Go field order; a nil pointer is
 * `null`).
 */
export function renderBadValue(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return goQuote(v);
  return goJson(v);
}

/** Go's `json.Marshal`, including its HTML-safe escaping of `<`, `>`, `&`, U+2028 and U+2029. */
export function goJson(v: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(v, (_k, val: unknown) => (typeof val === 'bigint' ? String(val) : val));
  } catch {
    text = undefined; // cycles cannot come from decoded JSON; print something rather than throw
  }
  if (text === undefined) return 'null';
  return text.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Go's `%q` for the strings manifests carry (printable Unicode kept, control bytes escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
