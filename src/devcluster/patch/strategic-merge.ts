import { malformedPatch } from './errors.js';
import { byMergeKey, byValue, checkSetElementOrder, normalizeOrder } from './element-order.js';
import {
  cloneJson,
  getOwn,
  hasOwn,
  isJsonObject,
  jsonEqual,
  setOwn,
  type JsonObject,
} from './json-value.js';
import { fieldMeta, isMergeList, type FieldPatchMeta, type PatchSchema } from './patch-schema.js';
import { mergeList } from './strategic-list.js';

const PATCH = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

/**
 * Kubernetes strategic merge patch as kube-apiserver applies it (apimachinery strategicpatch mergeMap with
 * MergeParallelList and IgnoreUnmatchedNulls). Maps merge recursively and `null` deletes; lists merge
 * per `schema` (see strategic-list.ts) or are replaced; the directives `$patch`, `$retainKeys`,
 * `$setElementOrder/<f>` and `$deleteFromPrimitiveList/<f>` are honoured and never appear in the result.
 * Inputs are never mutated. Throws PatchError (400, or 422 for lists of lists).
 * https://git.k8s.io/community/contributors/devel/sig-api-machinery/strategic-merge-patch.md
 */
export function applyStrategicMergePatch(
  target: unknown,
  patch: unknown,
  schema: PatchSchema,
): unknown {
  if (!isJsonObject(patch)) throw malformedPatch('a strategic merge patch must be a JSON object');
  const original = isJsonObject(target) ? (cloneJson(target) as JsonObject) : {};
  return mergeMap(original, cloneJson(patch) as JsonObject, schema, '');
}

/** Builds a new map from `original` and `patch` (neither is modified). `path` only names errors. */
function mergeMap(
  original: JsonObject,
  patch: JsonObject,
  schema: PatchSchema | undefined,
  path: string,
): JsonObject {
  const directive = getOwn(patch, PATCH);
  if (directive === 'delete') return {};
  if (directive === 'replace') return mergeMap({}, withoutKey(patch, PATCH), schema, path);
  if (directive !== undefined && directive !== 'merge') {
    throw malformedPatch(`${where(path)}: unknown $patch directive ${JSON.stringify(directive)}`);
  }

  const result = retainKeys(original, patch, path);
  for (const [key, value] of Object.entries(patch)) {
    if (isDirective(key) || value === undefined) continue;
    if (value === null) delete result[key];
    else
      setOwn(
        result,
        key,
        mergeField(getOwn(result, key), value, fieldMeta(schema, key), join(path, key)),
      );
  }
  for (const [key, order] of Object.entries(patch)) {
    if (key.startsWith(SET_ORDER))
      setElementOrder(result, original, patch, key, order, schema, path);
  }
  for (const [key, values] of Object.entries(patch)) {
    if (key.startsWith(DELETE_FROM)) deleteFromPrimitiveList(result, key, values, path);
  }
  return result;
}

function mergeField(
  current: unknown,
  value: unknown,
  meta: FieldPatchMeta | undefined,
  path: string,
): unknown {
  if (isJsonObject(value)) {
    const base = isJsonObject(current) && meta?.strategy !== 'replace' ? current : {};
    return mergeMap(base, value, meta?.fields, path);
  }
  if (!Array.isArray(value)) return value;
  const items = meta?.items;
  const mergeElement = (
    live: JsonObject | undefined,
    element: JsonObject,
    index: number,
  ): JsonObject => mergeMap(live ?? {}, element, items, `${path}[${index}]`);
  if (isMergeList(meta)) {
    return mergeList(
      Array.isArray(current) ? current : [],
      value,
      meta?.mergeKey,
      mergeElement,
      path,
    );
  }
  // Replaced wholesale; elements are still materialised so nested directives do not leak into the result.
  return value
    .filter((element) => !(isJsonObject(element) && Object.keys(element).every((k) => k === PATCH)))
    .map((element, index) =>
      isJsonObject(element) ? mergeElement(undefined, element, index) : element,
    );
}

/**
 * `$retainKeys`: live fields not listed are dropped before merging; every non-null patch field must be
 * listed (apimachinery applyRetainKeysDirective).
 */
function retainKeys(original: JsonObject, patch: JsonObject, path: string): JsonObject {
  const result: JsonObject = { ...original };
  if (!hasOwn(patch, RETAIN_KEYS)) return result;
  const keep = patch[RETAIN_KEYS];
  if (!Array.isArray(keep))
    throw malformedPatch(`${where(path)}: $retainKeys must be a list of field names`);
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null && !isDirective(key) && !keep.includes(key)) {
      throw malformedPatch(`${where(path)}: field "${key}" is in the patch but not in $retainKeys`);
    }
  }
  for (const key of Object.keys(result)) {
    if (!keep.includes(key)) delete result[key];
  }
  return result;
}

/**
 * `$setElementOrder/<field>` (sent by kubectl apply since 1.7): the merged list is reordered so that the
 * listed elements follow the given order; elements only the server knows keep their live order and
 * position relative to the listed ones. Lists of objects without a merge key are left as merged.
 */
function setElementOrder(
  result: JsonObject,
  original: JsonObject,
  patch: JsonObject,
  directive: string,
  order: unknown,
  schema: PatchSchema | undefined,
  path: string,
): void {
  const field = directive.slice(SET_ORDER.length);
  const name = `${where(path)}: ${directive}`;
  if (!Array.isArray(order)) throw malformedPatch(`${name} must be a list`);
  const merged = getOwn(result, field);
  const live = getOwn(original, field);
  const objects = [merged, live, order].some(
    (list) => Array.isArray(list) && list.some(isJsonObject),
  );
  const mergeKey = fieldMeta(schema, field)?.mergeKey;
  if (objects && mergeKey === undefined) return;
  const id = objects && mergeKey !== undefined ? byMergeKey(mergeKey) : byValue;
  checkSetElementOrder(getOwn(patch, field), order, id, name);
  if (Array.isArray(merged)) {
    setOwn(result, field, normalizeOrder(merged, order, Array.isArray(live) ? live : [], id));
  }
}

/** `$deleteFromPrimitiveList/<field>`: removes the listed values; a missing list stays missing. */
function deleteFromPrimitiveList(
  result: JsonObject,
  directive: string,
  values: unknown,
  path: string,
): void {
  if (!Array.isArray(values)) throw malformedPatch(`${where(path)}: ${directive} must be a list`);
  const field = directive.slice(DELETE_FROM.length);
  const list = getOwn(result, field);
  if (Array.isArray(list)) {
    setOwn(
      result,
      field,
      list.filter((item) => !values.some((value) => jsonEqual(value, item))),
    );
  }
}

function isDirective(key: string): boolean {
  return (
    key === PATCH || key === RETAIN_KEYS || key.startsWith(SET_ORDER) || key.startsWith(DELETE_FROM)
  );
}

function withoutKey(obj: JsonObject, key: string): JsonObject {
  const copy: JsonObject = { ...obj };
  delete copy[key];
  return copy;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function where(path: string): string {
  return path === '' ? 'patch' : path;
}
