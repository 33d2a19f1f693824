import { unapplicablePatch } from './errors.js';
import {
  cloneJson,
  hasOwn,
  isJsonObject,
  jsonEqual,
  setOwn,
  type JsonObject,
} from './json-value.js';
import { formatPointer, isProperPrefix, parseArrayIndex } from './json-pointer.js';
import { parseJsonPatch, type JsonPatchOperation } from './json-patch-ops.js';

/**
 * JSON Patch, RFC 6902 §4: add, remove, replace, move, copy, test. The whole document is validated first
 * (malformed ⇒ PatchError 400), then operations run in order on a private copy, so a failing operation
 * (⇒ PatchError 422) leaves nothing applied and the inputs are never mutated.
 * https://www.rfc-editor.org/rfc/rfc6902#section-4
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  return parseJsonPatch(ops).reduce(applyOperation, cloneJson(doc));
}

const MISSING = Symbol('missing');

function applyOperation(doc: unknown, operation: JsonPatchOperation): unknown {
  const { path, where } = operation;
  switch (operation.op) {
    case 'add':
      return add(doc, path, cloneJson(operation.value), where);
    case 'remove':
      remove(doc, path, where);
      return doc;
    case 'replace':
      return replace(doc, path, cloneJson(operation.value), where);
    case 'move': {
      const value = read(doc, operation.from, where);
      if (formatPointer(operation.from) === formatPointer(path)) return doc;
      if (isProperPrefix(operation.from, path)) {
        throw unapplicablePatch(
          `${where}: cannot move ${formatPointer(operation.from)} into one of its own children`,
        );
      }
      remove(doc, operation.from, where);
      return add(doc, path, value, where);
    }
    case 'copy':
      return add(doc, path, cloneJson(read(doc, operation.from, where)), where);
    case 'test': {
      const actual = read(doc, path, where);
      if (!jsonEqual(actual, operation.value)) {
        throw unapplicablePatch(
          `${where}: test failed: found ${JSON.stringify(actual)}, expected ${JSON.stringify(operation.value)}`,
        );
      }
      return doc;
    }
  }
}

function add(doc: unknown, path: string[], value: unknown, where: string): unknown {
  if (path.length === 0) return value;
  const { parent, key } = locateParent(doc, path, where);
  if (!Array.isArray(parent)) {
    setOwn(parent, key, value);
    return doc;
  }
  const index = key === '-' ? parent.length : arrayIndex(key, path, where);
  if (index > parent.length) {
    throw unapplicablePatch(
      `${where}: index ${index} is out of bounds (array length ${parent.length})`,
    );
  }
  parent.splice(index, 0, value);
  return doc;
}

function remove(doc: unknown, path: string[], where: string): void {
  if (path.length === 0) throw unapplicablePatch(`${where}: cannot remove the whole document`);
  const { parent, key } = locateParent(doc, path, where);
  if (Array.isArray(parent)) {
    parent.splice(existingIndex(parent, key, path, where), 1);
  } else {
    if (!hasOwn(parent, key)) throw missing(path, where);
    delete parent[key];
  }
}

function replace(doc: unknown, path: string[], value: unknown, where: string): unknown {
  if (path.length === 0) return value;
  const { parent, key } = locateParent(doc, path, where);
  if (Array.isArray(parent)) {
    parent[existingIndex(parent, key, path, where)] = value;
  } else {
    if (!hasOwn(parent, key)) throw missing(path, where);
    setOwn(parent, key, value);
  }
  return doc;
}

function read(doc: unknown, path: string[], where: string): unknown {
  let node = doc;
  for (const [depth, token] of path.entries()) {
    const next = child(node, token);
    if (next === MISSING) throw missing(path.slice(0, depth + 1), where);
    node = next;
  }
  return node;
}

/** The container that holds the last token of `path`, which must exist and be an object or array. */
function locateParent(
  doc: unknown,
  path: string[],
  where: string,
): { parent: JsonObject | unknown[]; key: string } {
  const parentPath = path.slice(0, -1);
  const parent = read(doc, parentPath, where);
  if (!Array.isArray(parent) && !isJsonObject(parent)) {
    throw unapplicablePatch(
      `${where}: ${formatPointer(parentPath) || 'the document'} is not an object or array`,
    );
  }
  return { parent, key: path[path.length - 1] ?? '' };
}

function child(node: unknown, token: string): unknown {
  if (Array.isArray(node)) {
    const index = parseArrayIndex(token);
    return index !== undefined && index < node.length ? node[index] : MISSING;
  }
  return isJsonObject(node) && hasOwn(node, token) ? node[token] : MISSING;
}

function arrayIndex(token: string, path: string[], where: string): number {
  const index = parseArrayIndex(token);
  if (index === undefined) {
    throw unapplicablePatch(
      `${where}: "${token}" in ${formatPointer(path)} is not a valid array index`,
    );
  }
  return index;
}

function existingIndex(array: unknown[], token: string, path: string[], where: string): number {
  const index = token === '-' ? array.length : arrayIndex(token, path, where);
  if (index >= array.length) {
    throw unapplicablePatch(
      `${where}: index ${token} is out of bounds (array length ${array.length})`,
    );
  }
  return index;
}

function missing(path: string[], where: string): Error {
  return unapplicablePatch(`${where}: ${formatPointer(path)} does not exist`);
}
