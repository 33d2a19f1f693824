// Old/new correlation for updates: which old value a new value is compared with (for validation ratcheting and
// transition rules). Objects correlate by key; only `x-kubernetes-list-type: map` lists correlate their items.
import { additionalSchema, deepEqual, isObject, ownValue } from './json.js';
import { childPath, indexPath } from './field-error.js';
import type { FieldError, JSONSchemaProps } from './types.js';

export function oldField(old: unknown, key: string): unknown {
  return isObject(old) && Object.hasOwn(old, key) ? old[key] : undefined;
}

export function oldItem(old: unknown, list: JSONSchemaProps, item: unknown): unknown {
  if (!Array.isArray(old) || list['x-kubernetes-list-type'] !== 'map' || !isObject(item))
    return undefined;
  const keys = list['x-kubernetes-list-map-keys'] ?? [];
  return old.find((o) => isObject(o) && keys.every((k) => deepEqual(o[k], item[k])));
}

export type NodeVisitor = (
  value: unknown,
  old: unknown,
  schema: JSONSchemaProps,
  path: string,
) => FieldError[];

/**
 * Visits `value` and every descendant the schema specifies (properties, additionalProperties, items), parent
 * before children, passing the correlated old value (undefined when there is none).
 */
export function walkStructural(
  value: unknown,
  old: unknown,
  schema: JSONSchemaProps,
  path: string,
  visit: NodeVisitor,
): FieldError[] {
  const errs = visit(value, old, schema, path);
  if (isObject(value)) {
    const extra = additionalSchema(schema);
    for (const [k, v] of Object.entries(value)) {
      const s = ownValue(schema.properties, k) ?? extra;
      if (s) errs.push(...walkStructural(v, oldField(old, k), s, childPath(path, k), visit));
    }
  } else if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((v, i) =>
      errs.push(...walkStructural(v, oldItem(old, schema, v), items, indexPath(path, i), visit)),
    );
  }
  return errs;
}
