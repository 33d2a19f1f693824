import { isRecord, type KubeObject } from '../api/object-meta.js';
import {
  equalityTerms,
  labelSelectorFromObject,
  type LabelSelector,
  matchesLabels,
} from '../selectors/index.js';
import type { ObjectStore } from '../store/object-store.js';

// Stored objects are never mutated, so a parsed selector can be cached by the identity of its JSON.
const parsed = new WeakMap<object, LabelSelector | null>();

/** A selector from a `{matchLabels, matchExpressions}` or a plain Service map; nothing on bad input. */
export function selectorOf(raw: unknown, plainMap = false): LabelSelector | undefined {
  if (!isRecord(raw)) return undefined;
  const cached = parsed.get(raw);
  if (cached !== undefined) return cached ?? undefined;
  let selector: LabelSelector | null;
  try {
    selector = labelSelectorFromObject(
      plainMap ? { matchLabels: raw as Record<string, string> } : raw,
    );
  } catch {
    selector = null;
  }
  parsed.set(raw, selector);
  return selector ?? undefined;
}

/** Live pods of a namespace a selector picks, narrowed through the store's label index first. */
export function selectPods(
  store: ObjectStore,
  namespace: string | undefined,
  selector: LabelSelector,
): KubeObject[] {
  return store
    .list('/pods', namespace, equalityTerms(selector))
    .filter((p) => !p.metadata.deletionTimestamp && matchesLabels(selector, p.metadata.labels));
}

/** Whether a pod change concerns a selector: it matched before the change or matches after. */
export function podConcerns(
  selector: LabelSelector | undefined,
  pod: KubeObject,
  previous?: KubeObject,
): boolean {
  if (!selector) return false;
  return (
    matchesLabels(selector, pod.metadata.labels) ||
    (!!previous && matchesLabels(selector, previous.metadata.labels))
  );
}
