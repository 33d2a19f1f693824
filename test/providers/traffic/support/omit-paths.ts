/**
 * Cuts the fields a router owns out of an object, keeping everything else in its original key order, so
 * a fixture's `foreign` view can be compared byte for byte (JSON.stringify) before and after.
 *
 * A path is a list of segments: a string names an object member; `'*'` is every member or element; a
 * function selects the array elements (or object members) it returns true for. The last segment says
 * what to remove: the member, or the selected array elements.
 */

export type PathSegment = string | ((value: unknown, keyOrIndex: string | number) => boolean);
export type OwnedPath = readonly PathSegment[];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matches(segment: PathSegment, value: unknown, keyOrIndex: string | number): boolean {
  if (segment === '*') return true;
  if (typeof segment === 'function') return segment(value, keyOrIndex);
  return String(keyOrIndex) === segment;
}

function omitOne(node: unknown, path: OwnedPath): unknown {
  const [segment, ...rest] = path;
  if (segment === undefined) return node;
  if (Array.isArray(node)) {
    if (typeof segment === 'string' && segment !== '*' && !/^\d+$/.test(segment)) return node;
    if (rest.length === 0) return node.filter((value, index) => !matches(segment, value, index));
    return node.map((value, index) =>
      matches(segment, value, index) ? omitOne(value, rest) : value,
    );
  }
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (!matches(segment, value, key)) out[key] = value;
    else if (rest.length > 0) out[key] = omitOne(value, rest);
  }
  return out;
}

/** A copy of `value` without the owned paths (the input is not changed). */
export function omitPaths(value: unknown, paths: readonly OwnedPath[]): unknown {
  return paths.reduce<unknown>((node, path) => omitOne(node, path), structuredClone(value));
}

/** Selects array elements whose `field` (a member name) equals one of `values`. */
export function whereField(field: string, ...values: unknown[]): (value: unknown) => boolean {
  return (value) => isObject(value) && values.includes(value[field]);
}
