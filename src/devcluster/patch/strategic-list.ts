import { malformedPatch, unapplicablePatch } from './errors.js';
import { hasOwn, isJsonObject, type JsonObject } from './json-value.js';
import { byMergeKey, byValue, indexIn, normalizeOrder } from './element-order.js';

/** Merges one patch element into its live counterpart (`undefined` when the element is new). */
export type MergeElement = (
  original: JsonObject | undefined,
  patch: JsonObject,
  index: number,
) => JsonObject;

/**
 * A list whose field has the `merge` strategy (apimachinery mergeSlice): primitives become the union of
 * both lists; objects are matched by `mergeKey` and merged, new ones added; `{"<key>": …, "$patch":
 * "delete"}` removes matching live elements; a `{"$patch": "replace"}` element makes the rest of the patch
 * list replace the live list. Order follows element-order.ts.
 */
export function mergeList(
  original: readonly unknown[],
  patch: readonly unknown[],
  mergeKey: string | undefined,
  mergeElement: MergeElement,
  path: string,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return [];
  if (!holdsObjects([...original, ...patch], path)) {
    const union = [...original, ...patch].filter((item, i, all) => all.indexOf(item) === i);
    return normalizeOrder(union, patch, original, byValue);
  }
  if (mergeKey === undefined)
    throw malformedPatch(`${path}: cannot merge a list of objects without a merge key`);
  const id = byMergeKey(mergeKey);
  const { live, regular, replace } = applyListDirectives(original, patch, id, mergeKey, path);
  if (replace) return regular.map(([element, index]) => mergeElement(undefined, element, index));

  const merged = [...live];
  for (const [element, index] of regular) {
    if (!hasOwn(element, mergeKey)) {
      throw malformedPatch(`${path}[${index}]: element has no merge key "${mergeKey}"`);
    }
    const at = indexIn(merged, element, id);
    const current = merged[at];
    if (at >= 0 && isJsonObject(current)) merged[at] = mergeElement(current, element, index);
    else merged.push(mergeElement(undefined, element, index));
  }
  return normalizeOrder(
    merged,
    regular.map(([element]) => element),
    live,
    id,
  );
}

/** True for a list of objects, false for a list of primitives; lists of lists and mixtures are errors. */
function holdsObjects(items: readonly unknown[], path: string): boolean {
  if (items.some(Array.isArray))
    throw unapplicablePatch(`${path}: lists of lists cannot be merged`);
  const objects = items.filter(isJsonObject).length;
  if (objects > 0 && objects < items.length) {
    throw malformedPatch(`${path}: list elements are not all of the same type`);
  }
  return objects > 0;
}

interface ListDirectives {
  /** Live elements left after `$patch: delete`. */
  live: unknown[];
  /** Patch elements without a `$patch` directive, with their index in the patch list. */
  regular: Array<[JsonObject, number]>;
  replace: boolean;
}

/** mergeSliceWithSpecialElements: strips `$patch` elements from the patch list and acts on them. */
function applyListDirectives(
  original: readonly unknown[],
  patch: readonly unknown[],
  id: (item: unknown) => unknown,
  mergeKey: string,
  path: string,
): ListDirectives {
  let live = [...original];
  const regular: Array<[JsonObject, number]> = [];
  let replace = false;
  patch.forEach((element, index) => {
    if (!isJsonObject(element)) return; // holdsObjects() already rejected mixtures
    if (!hasOwn(element, '$patch')) {
      regular.push([element, index]);
      return;
    }
    const directive = element['$patch'];
    if (directive === 'replace') {
      replace = true;
    } else if (directive === 'delete') {
      if (!hasOwn(element, mergeKey)) {
        throw malformedPatch(
          `${path}[${index}]: "$patch": "delete" needs the merge key "${mergeKey}"`,
        );
      }
      live = live.filter((item) => indexIn([element], item, id) < 0);
    } else if (directive === 'merge') {
      throw malformedPatch(`${path}[${index}]: "$patch": "merge" is not supported inside a list`);
    } else {
      throw malformedPatch(
        `${path}[${index}]: unknown $patch directive ${JSON.stringify(directive)}`,
      );
    }
  });
  return { live, regular, replace };
}
