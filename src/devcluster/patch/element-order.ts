import { malformedPatch } from './errors.js';
import { hasOwn, isJsonObject, jsonEqual } from './json-value.js';

/**
 * Element ordering for merge lists, after apimachinery's normalizeElementOrder / mergeSortedSlice:
 * items named by the patch (or by `$setElementOrder`) follow that order; server-only items keep their
 * live order and are interleaved by their live position, so an item new to the list lands before the
 * server-only items that follow the patch items it is placed among (a lone new container goes first).
 * https://git.k8s.io/design-proposals-archive/cli/preserve-order-in-strategic-merge-patch.md
 */

const NO_KEY = Symbol('no merge key');

/** Identifies a list element: its merge-key value for lists of objects, the value itself for primitives. */
export type ElementIdentity = (item: unknown) => unknown;

export const byValue: ElementIdentity = (item) => item;

export function byMergeKey(mergeKey: string): ElementIdentity {
  return (item) => (isJsonObject(item) && hasOwn(item, mergeKey) ? item[mergeKey] : NO_KEY);
}

export function indexIn(list: readonly unknown[], item: unknown, id: ElementIdentity): number {
  const key = id(item);
  if (key === NO_KEY) return -1;
  return list.findIndex((candidate) => {
    const candidateKey = id(candidate);
    return candidateKey !== NO_KEY && jsonEqual(candidateKey, key);
  });
}

/** Reorders `merged`: items in `patchOrder` by that order, the rest by `serverOrder`, then interleaved. */
export function normalizeOrder(
  merged: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  id: ElementIdentity,
): unknown[] {
  const named = merged.filter((item) => indexIn(patchOrder, item, id) >= 0);
  const serverOnly = merged.filter((item) => indexIn(patchOrder, item, id) < 0);
  return interleave(
    sortBy(serverOnly, serverOrder, id),
    sortBy(named, patchOrder, id),
    serverOrder,
    id,
  );
}

/** Stable sort by position in `order`; items absent from `order` keep their relative order at the end. */
function sortBy(
  items: readonly unknown[],
  order: readonly unknown[],
  id: ElementIdentity,
): unknown[] {
  const rank = (item: unknown): number => {
    const at = indexIn(order, item, id);
    return at < 0 ? Number.POSITIVE_INFINITY : at;
  };
  return items
    .map((item) => ({ item, at: rank(item) }))
    .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? -1 : 1))
    .map(({ item }) => item);
}

/** mergeSortedSlice: a server-only item goes first only when both are live and it was live earlier. */
function interleave(
  serverOnly: readonly unknown[],
  named: readonly unknown[],
  serverOrder: readonly unknown[],
  id: ElementIdentity,
): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < named.length) {
    if (j >= named.length) {
      out.push(serverOnly[i++]);
    } else if (i >= serverOnly.length) {
      out.push(named[j++]);
    } else {
      const left = indexIn(serverOrder, serverOnly[i], id);
      const right = indexIn(serverOrder, named[j], id);
      out.push(left >= 0 && right >= 0 && left < right ? serverOnly[i++] : named[j++]);
    }
  }
  return out;
}

/**
 * validatePatchWithSetOrderList: the patch list (ignoring `$patch` elements) must appear in
 * `$setElementOrder` in the same relative order, otherwise the patch contradicts itself.
 */
export function checkSetElementOrder(
  patchList: unknown,
  order: readonly unknown[],
  id: ElementIdentity,
  directive: string,
): void {
  if (order.some((entry) => id(entry) === NO_KEY)) {
    throw malformedPatch(`${directive}: every entry must carry the list's merge key`);
  }
  if (!Array.isArray(patchList)) return;
  const items = patchList.filter((item) => !(isJsonObject(item) && hasOwn(item, '$patch')));
  let matched = 0;
  for (const entry of order) {
    if (matched < items.length && indexIn([entry], items[matched], id) === 0) matched++;
  }
  if (matched < items.length) {
    throw malformedPatch(`${directive}: the patch list is not in the order ${directive} gives`);
  }
}
