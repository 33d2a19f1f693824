/**
 * Which rules of an HTTPRoute this Rollout added, kept on the route itself (annotation
 * `TRAFFIC_KEYS.gatewayApiManaged`) so the record and the rules change in one guarded patch. The
 * plugin keeps the same facts in a ConfigMap; a record on the route cannot drift from it.
 */
import { TRAFFIC_KEYS } from '../../shared/keys.js';
import { isRecord } from '../../shared/json-view.js';
import type { KubeObjectJson } from '../../types.js';

/** Per Rollout: managed route name ⇒ the rules written for it. */
export type ManagedRuleBook = Record<string, Record<string, unknown[]>>;

export function readBook(route: KubeObjectJson): ManagedRuleBook {
  const text = route.metadata.annotations?.[TRAFFIC_KEYS.gatewayApiManaged];
  if (text === undefined) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!isRecord(parsed)) return {};
    const book: ManagedRuleBook = {};
    for (const [rollout, entry] of Object.entries(parsed)) {
      if (!isRecord(entry)) continue;
      book[rollout] = Object.fromEntries(
        Object.entries(entry).filter((e): e is [string, unknown[]] => Array.isArray(e[1])),
      );
    }
    return book;
  } catch {
    // A hand-edited record that no longer parses is treated as empty: the rules it named are
    // then no longer recognised, and new ones are written.
    return {};
  }
}

/** The annotation value with this Rollout's entry replaced (dropped when empty); undefined when no entry is left. */
export function formatBook(
  book: ManagedRuleBook,
  rollout: string,
  mine: Record<string, unknown[]>,
): string | undefined {
  const next: ManagedRuleBook = { ...book };
  if (Object.keys(mine).length === 0) delete next[rollout];
  else next[rollout] = mine;
  return Object.keys(next).length === 0 ? undefined : JSON.stringify(next);
}
