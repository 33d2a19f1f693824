import { isRecord } from '../../../domain/json.js';
import { formatFloat } from '../../analysis/expr/format.js';
import { GoDuration, GoMonth, GoTime, GoWeekday } from './time.js';

/**
 * Template values, as Go sees JSON-decoded data: `undefined` is a missing map key (Go's invalid
 * value), `null` a nil interface, `number` a float64, `bigint` an int (literals, `len`, sprig's
 * arithmetic), `string`, `boolean`, arrays (`[]interface {}`), plain objects
 * (`map[string]interface {}`), functions (`.time.Now`), {@link GoTime} and {@link GoDuration}.
 */
export type GoKind =
  | 'invalid'
  | 'nil'
  | 'bool'
  | 'int'
  | 'float64'
  | 'string'
  | 'slice'
  | 'map'
  | 'func'
  | 'time'
  | 'duration'
  | 'stringer';

export function kindOf(value: unknown): GoKind {
  if (value === undefined) return 'invalid';
  if (value === null) return 'nil';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
    default:
      if (Array.isArray(value)) return 'slice';
      if (value instanceof GoTime) return 'time';
      if (value instanceof GoDuration) return 'duration';
      if (value instanceof GoMonth || value instanceof GoWeekday) return 'stringer';
      return 'map';
  }
}

const TYPE_NAMES: Readonly<Record<GoKind, string>> = {
  invalid: '<nil>',
  nil: 'interface {}',
  bool: 'bool',
  int: 'int',
  float64: 'float64',
  string: 'string',
  slice: '[]interface {}',
  map: 'map[string]interface {}',
  func: 'func',
  time: 'time.Time',
  duration: 'time.Duration',
  stringer: 'time.Month',
};

/** The Go type name errors print (`wrong type for value; expected string; got float64`). */
export function goTypeName(value: unknown): string {
  return TYPE_NAMES[kindOf(value)];
}

/** Go's template truth: false, 0, nil, and empty strings, lists and maps are false. */
export function isTrue(value: unknown): boolean {
  switch (kindOf(value)) {
    case 'invalid':
    case 'nil':
      return false;
    case 'bool':
      return value as boolean;
    case 'int':
      return value !== 0n;
    case 'float64':
      return value !== 0;
    case 'string':
      return value !== '';
    case 'slice':
      return (value as unknown[]).length > 0;
    case 'map':
      return Object.keys(value as object).length > 0;
    case 'duration':
      return (value as GoDuration).ns !== 0n;
    default:
      return true;
  }
}

/** Go's `fmt.Sprint` of one value (`%v`). */
export function formatValue(value: unknown): string {
  switch (kindOf(value)) {
    case 'invalid':
    case 'nil':
      return '<nil>';
    case 'float64':
      return formatFloat(value as number);
    case 'slice':
      return `[${(value as unknown[]).map(formatValue).join(' ')}]`;
    case 'map': {
      const map = value as Record<string, unknown>;
      const keys = Object.keys(map).sort();
      return `map[${keys.map((k) => `${k}:${formatValue(map[k])}`).join(' ')}]`;
    }
    case 'func':
      return '0x0';
    default:
      return String(value);
  }
}

/** How an action prints its value: Go prints a missing or nil value as `<no value>`. */
export function printAction(value: unknown): string {
  return value === undefined || value === null ? '<no value>' : formatValue(value);
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return kindOf(value) === 'map' && isRecord(value);
}
