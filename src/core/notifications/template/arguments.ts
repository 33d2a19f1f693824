import { describeOperand, type Operand } from './ast.js';
import type { TemplateError } from './errors.js';
import { PARAM_TYPE_NAMES, type ParamType } from './function.js';
import { GoDuration } from './time.js';
import { goTypeName, kindOf } from './values.js';

/** Builds the error for a node; `context` is computed only when something fails. */
export type Fail = (pos: number, context: string | (() => string), reason: string) => TemplateError;

/**
 * A literal argument for a parameter of `type`, as Go's `evalArg` converts constants: an integer
 * literal fits int, float64 and time.Duration; for interface {} it is an int (a bigint here)
 * unless it has a fraction or exponent.
 */
export function literalArg(node: Operand, type: ParamType, fail: Fail): unknown {
  const found = describeOperand(node);
  const expected = (what: string): never => {
    throw fail(node.pos, found, `expected ${what}; found ${found}`);
  };
  switch (type) {
    case 'bool':
      return node.kind === 'bool' ? node.value : expected('bool');
    case 'string':
      return node.kind === 'string' ? node.value : expected('string');
    case 'int':
      return node.kind === 'number' && 'int' in node.value ? node.value.int : expected('integer');
    case 'float64':
      if (node.kind !== 'number') return expected('float');
      return 'int' in node.value ? Number(node.value.int) : node.value.float;
    case 'duration':
      // time.Duration is an int64 to Go, so an integer literal is a count of nanoseconds.
      return node.kind === 'number' && 'int' in node.value
        ? new GoDuration(node.value.int)
        : expected('integer');
    case 'any':
      if (node.kind === 'bool' || node.kind === 'string') return node.value;
      if (node.kind === 'number') return 'int' in node.value ? node.value.int : node.value.float;
      return undefined;
    default:
      throw fail(
        node.pos,
        found,
        `can't handle ${found} for arg of type ${PARAM_TYPE_NAMES[type]}`,
      );
  }
}

/**
 * Go's `validateType` for a computed argument: interface {} takes anything (a missing value as
 * nil), a map parameter takes a missing value as an empty map, other types must match exactly.
 */
export function checkArg(value: unknown, type: ParamType, node: Operand, fail: Fail): unknown {
  if (type === 'any') return value === undefined ? null : value;
  const name = PARAM_TYPE_NAMES[type];
  const context = (): string => describeOperand(node);
  if (value === undefined) {
    if (type === 'map') return {};
    throw fail(node.pos, context, `invalid value; expected ${name}`);
  }
  if (kindOf(value) === type) return value;
  throw fail(node.pos, context, `wrong type for value; expected ${name}; got ${goTypeName(value)}`);
}
