// Builders and printers for field errors, mirroring k8s.io/apimachinery/pkg/util/validation/field
// (`Error.ErrorBody`, `NotSupported`, `TooLongMaxLength`, `TooMany`) so messages match the API server's.
import { isObject } from './json.js';
import type { FieldError, FieldErrorType } from './types.js';

/** Go prints a nil `*field.Path` as `<nil>`; errors on the object root carry that as their field. */
export function fieldName(path: string): string {
  return path === '' ? '<nil>' : path;
}

/** `a.b` child of a value path; the root path is the empty string. */
export function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

export function indexPath(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** Go's `%v` for a float64 (shortest repr, exponent form outside [1e-4, 1e6) for non-integers). */
export function goNumber(n: number): string {
  if (Number.isInteger(n) || n === 0 || !Number.isFinite(n)) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp >= -4 && exp < 6) return String(n);
  return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Go's `%#v` for decoded JSON (`map[string]interface {}{...}`), used for compound bad values. */
function goSyntax(x: unknown): string {
  if (x === null || x === undefined) return 'interface {}(nil)';
  if (Array.isArray(x)) return `[]interface {}{${x.map(goSyntax).join(', ')}}`;
  if (isObject(x)) {
    const pairs = Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goSyntax(x[k])}`);
    return `map[string]interface {}{${pairs.join(', ')}}`;
  }
  return typeof x === 'number'
    ? goNumber(x)
    : typeof x === 'string'
      ? JSON.stringify(x)
      : String(x);
}

/** How `ErrorBody` prints a bad value: strings quoted, numbers/bools bare, nil as "null". */
export function formatBadValue(x: unknown): string {
  if (x === null || x === undefined) return '"null"';
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'number') return goNumber(x);
  if (typeof x === 'boolean') return String(x);
  return goSyntax(x);
}

function withDetail(head: string, detail: string | undefined): string {
  return detail ? `${head}: ${detail}` : head;
}

function valued(
  type: FieldErrorType,
  label: string,
  path: string,
  value: unknown,
  detail?: string,
): FieldError {
  return {
    type,
    field: fieldName(path),
    message: withDetail(`${label}: ${formatBadValue(value)}`, detail),
    badValue: value,
  };
}

export const fieldError = {
  invalid: (path: string, value: unknown, detail: string): FieldError =>
    valued('FieldValueInvalid', 'Invalid value', path, value, detail),
  /** field.Invalid with an omitted value (CEL rule failures since Kubernetes 1.33): no value printed. */
  invalidWithoutValue: (path: string, detail: string): FieldError => ({
    type: 'FieldValueInvalid',
    field: fieldName(path),
    message: `Invalid value: ${detail}`,
  }),
  typeInvalid: (path: string, value: unknown, detail: string): FieldError =>
    valued('FieldValueTypeInvalid', 'Invalid value', path, value, detail),
  duplicate: (path: string, value: unknown): FieldError =>
    valued('FieldValueDuplicate', 'Duplicate value', path, value),
  notSupported: (path: string, value: unknown, supported: readonly string[]): FieldError =>
    valued(
      'FieldValueNotSupported',
      'Unsupported value',
      path,
      value,
      supported.length > 0
        ? `supported values: ${supported.map((v) => JSON.stringify(v)).join(', ')}`
        : undefined,
    ),
  required: (path: string, detail?: string): FieldError => ({
    type: 'FieldValueRequired',
    field: fieldName(path),
    message: withDetail('Required value', detail),
  }),
  forbidden: (path: string, detail: string): FieldError => ({
    type: 'FieldValueForbidden',
    field: fieldName(path),
    message: withDetail('Forbidden', detail),
  }),
  tooLong: (path: string, value: unknown, max: number): FieldError => ({
    type: 'FieldValueTooLong',
    field: fieldName(path),
    message: `Too long: may not be longer than ${max}`,
    badValue: value,
  }),
  tooMany: (path: string, actual: number, max: number): FieldError =>
    valued('FieldValueTooMany', 'Too many', path, actual, `must have at most ${max} items`),
};

/** `field: body`, as `field.Error.Error()` prints it. */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${e.message}`;
}
