// String, number and enum checks with kube-openapi's messages (pkg/validation/errors/schema.go), converted to
// field errors the way apiextensions-apiserver does (kubeOpenAPIResultToFieldErrors).
import { fieldError, goNumber } from './field-error.js';
import type { FieldError, JSONSchemaProps } from './types.js';
import { deepEqual } from './json.js';

/** kube-openapi names the field in its messages: `spec.x in body should ...`. */
export function inBody(path: string, text: string): string {
  return `${path} in body ${text}`;
}

/** Errors kube-openapi raises as plain Go errors: the API server reports them on a nil path with value "". */
export function unnamedInvalid(text: string): FieldError {
  return fieldError.invalid('', '', text);
}

// RFC 3339 date-time as strfmt.IsDateTime accepts it (case-insensitive `T`/`Z`, optional fraction).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})t(\d{2}):(\d{2}):(\d{2})(\.\d+)?(z|[+-]\d{2}:\d{2})$/;

export function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s.toLowerCase());
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && sec < 60;
}

export function validateString(value: string, s: JSONSchemaProps, path: string): FieldError[] {
  const length = [...value].length; // Go counts runes
  if (s.maxLength !== undefined && length > s.maxLength)
    return [fieldError.tooLong(path, value, s.maxLength)];
  if (s.minLength !== undefined && length < s.minLength) {
    return [
      fieldError.invalid(path, value, inBody(path, `should be at least ${s.minLength} chars long`)),
    ];
  }
  const pattern = s.pattern === undefined ? undefined : safeRegExp(s.pattern);
  if (pattern && !pattern.test(value)) {
    return [fieldError.invalid(path, value, inBody(path, `should match '${s.pattern}'`))];
  }
  if (s.format === 'date-time' && !isDateTime(value)) {
    return [
      fieldError.typeInvalid(
        path,
        value,
        inBody(path, `must be of type date-time: ${JSON.stringify(value)}`),
      ),
    ];
  }
  return [];
}

export function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

const INT32_MIN = -(2 ** 31);
const INT32_END = 2 ** 31;

// go-openapi divides (or multiplies by the inverse for factors < 1) and accepts a near-integer quotient.
function isMultiple(value: number, factor: number): boolean {
  const q = factor < 1 ? (1 / factor) * value : value / factor;
  return Math.abs(q - Math.round(q)) < 1e-9 * Math.max(1, Math.abs(q));
}

export function validateNumber(value: number, s: JSONSchemaProps, path: string): FieldError[] {
  const errs: FieldError[] = [];
  // Requested for the devcluster; kube-openapi's SchemaValidator does not pass type/format to its number
  // validator, so a real API server may well accept out-of-range int32 values. Message as kube-openapi's.
  if (s.type === 'integer' && s.format === 'int32' && (value < INT32_MIN || value >= INT32_END)) {
    errs.push(unnamedInvalid(`Checked value must be of type integer with format int32 in ${path}`));
  }
  if (s.multipleOf !== undefined && s.multipleOf > 0 && !isMultiple(value, s.multipleOf)) {
    errs.push(
      fieldError.invalid(
        path,
        value,
        inBody(path, `should be a multiple of ${goNumber(s.multipleOf)}`),
      ),
    );
  }
  if (s.maximum !== undefined && (s.exclusiveMaximum ? value >= s.maximum : value > s.maximum)) {
    const rel = s.exclusiveMaximum ? 'less than' : 'less than or equal to';
    errs.push(
      fieldError.invalid(path, value, inBody(path, `should be ${rel} ${goNumber(s.maximum)}`)),
    );
  }
  if (s.minimum !== undefined && (s.exclusiveMinimum ? value <= s.minimum : value < s.minimum)) {
    const rel = s.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
    errs.push(
      fieldError.invalid(path, value, inBody(path, `should be ${rel} ${goNumber(s.minimum)}`)),
    );
  }
  return errs;
}

/** A null never matches a non-empty enum (kube-openapi skips null enum members). */
export function validateEnum(value: unknown, s: JSONSchemaProps, path: string): FieldError[] {
  const values = s.enum;
  if (values === undefined || values.length === 0) return [];
  if (value !== null && values.some((v) => v !== null && deepEqual(v, value))) return [];
  const supported = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return [fieldError.notSupported(path, value, supported)];
}
