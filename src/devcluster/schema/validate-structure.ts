// Checks the API server runs after OpenAPI validation: embedded resources need apiVersion and kind
// (schema/objectmeta/validation.go) and `x-kubernetes-list-type` set/map lists must not hold duplicates
// (schema/listtype/validation.go). Both are NodeVisitors for walkStructural.
import { childPath, fieldError, indexPath } from './field-error.js';
import { isObject, ownValue } from './json.js';
import type { JsonObject } from './json.js';
import type { FieldError, JSONSchemaProps } from './types.js';

export function checkEmbeddedResource(
  value: unknown,
  _old: unknown,
  s: JSONSchemaProps,
  path: string,
): FieldError[] {
  if (!s['x-kubernetes-embedded-resource'] || !isObject(value)) return [];
  return ['apiVersion', 'kind']
    .filter((k) => !Object.hasOwn(value, k))
    .map((k) => fieldError.required(childPath(path, k), 'must not be empty'));
}

/** Canonical text of a JSON value: Go's json.Marshal sorts map keys, and scalars of different types differ. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (isObject(x))
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(x[k])}`)
      .join(',')}}`;
  return x === undefined ? 'undefined' : JSON.stringify(x);
}

/** Indices of the second occurrence of every repeated identity (later repeats are not reported again). */
function secondOccurrences(ids: string[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  ids.forEach((id, i) => {
    const times = seen.get(id) ?? 0;
    if (times === 1) out.push(i);
    seen.set(id, times + 1);
  });
  return out;
}

function mapKeyValues(item: unknown, s: JSONSchemaProps): JsonObject {
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  const entries: [string, unknown][] = [];
  for (const k of keys) {
    const v =
      isObject(item) && Object.hasOwn(item, k)
        ? item[k]
        : ownValue(s.items?.properties, k)?.default;
    if (v !== undefined) entries.push([k, v]);
  }
  return Object.fromEntries(entries);
}

export function checkListSetsAndMaps(
  value: unknown,
  _old: unknown,
  s: JSONSchemaProps,
  path: string,
): FieldError[] {
  if (!Array.isArray(value)) return [];
  const listType = s['x-kubernetes-list-type'];
  if (listType === 'set') {
    return secondOccurrences(value.map(canonical)).map((i) =>
      fieldError.duplicate(indexPath(path, i), value[i]),
    );
  }
  if (listType !== 'map') return [];
  const bad = value.findIndex((x) => x !== null && !isObject(x));
  if (bad >= 0)
    return [
      fieldError.invalid(
        indexPath(path, bad),
        value[bad],
        'must be an object for an array of list-type map',
      ),
    ];
  const keys = value.map((x) => mapKeyValues(x, s));
  return secondOccurrences(keys.map(canonical)).map((i) =>
    fieldError.duplicate(indexPath(path, i), keys[i]),
  );
}
