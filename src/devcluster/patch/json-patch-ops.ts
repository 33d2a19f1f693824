import { malformedPatch } from './errors.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { parsePointer } from './json-pointer.js';

/** One validated RFC 6902 operation; `where` names it in error messages ("operation 2 (remove /a/b)"). */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string[]; value: unknown; where: string }
  | { op: 'remove'; path: string[]; where: string }
  | { op: 'move' | 'copy'; path: string[]; from: string[]; where: string };

const OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;
type OpName = (typeof OPS)[number];

/**
 * Validates the whole patch document before anything is applied (so errors say 400 and nothing happened).
 * Members other than op/path/from/value are ignored, as RFC 6902 §4 requires.
 */
export function parseJsonPatch(ops: unknown): JsonPatchOperation[] {
  if (!Array.isArray(ops)) throw malformedPatch('a JSON patch must be an array of operations');
  return ops.map((raw, index) => parseOperation(raw, index));
}

function parseOperation(raw: unknown, index: number): JsonPatchOperation {
  if (!isJsonObject(raw)) throw malformedPatch(`operation ${index}: must be an object`);
  const op = raw['op'];
  if (typeof op !== 'string' || !(OPS as readonly string[]).includes(op)) {
    throw malformedPatch(
      `operation ${index}: "op" must be one of ${OPS.join(', ')} (got ${JSON.stringify(op)})`,
    );
  }
  const name = op as OpName;
  const path = raw['path'];
  if (typeof path !== 'string')
    throw malformedPatch(`operation ${index} (${name}): "path" must be a string`);
  const where = `operation ${index} (${name} ${path || '""'})`;
  const tokens = pointerIn(path, where);
  switch (name) {
    case 'remove':
      return { op: name, path: tokens, where };
    case 'move':
    case 'copy': {
      const from = raw['from'];
      if (typeof from !== 'string') throw malformedPatch(`${where}: "from" must be a string`);
      return { op: name, path: tokens, from: pointerIn(from, where), where };
    }
    default:
      return { op: name, path: tokens, value: requireValue(raw, where), where };
  }
}

function requireValue(raw: JsonObject, where: string): unknown {
  if (!Object.hasOwn(raw, 'value') || raw['value'] === undefined) {
    throw malformedPatch(`${where}: "value" is required`);
  }
  return raw['value'];
}

function pointerIn(pointer: string, where: string): string[] {
  try {
    return parsePointer(pointer);
  } catch (error) {
    throw error instanceof Error ? malformedPatch(`${where}: ${error.message}`) : error;
  }
}
