/**
 * The annotations this Rollout owns on an Ingress, and the record of them upstream keeps in
 * `rollouts.argoproj.io/managed-alb-annotations` (JSON `{ "<rollout>": [key, …] }`), so a header
 * route's keys are removed when it goes away and other Rollouts' keys are never touched.
 */
import { TRAFFIC_KEYS } from '../shared/keys.js';
import { isRecord } from '../shared/json-view.js';
import type { KubeObjectJson } from '../types.js';

export function actionKey(prefix: string, name: string): string {
  return `${prefix}/actions.${name}`;
}

export function conditionKey(prefix: string, name: string): string {
  return `${prefix}/conditions.${name}`;
}

export type ManagedAnnotations = Record<string, string[]>;

export function readManagedAnnotations(ingress: KubeObjectJson): ManagedAnnotations {
  const text = ingress.metadata.annotations?.[TRAFFIC_KEYS.albManagedAnnotations];
  if (text === undefined) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!isRecord(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).flatMap(([k, v]) =>
        Array.isArray(v) ? [[k, v.filter((x): x is string => typeof x === 'string')] as const] : [],
      ),
    );
  } catch {
    // An unreadable record names nothing; keys of this Rollout are then rewritten, never guessed at.
    return {};
  }
}

/** The record with this Rollout's keys replaced; keys sorted by rollout as Go's json.Marshal writes maps. */
export function formatManagedAnnotations(
  current: ManagedAnnotations,
  rollout: string,
  keys: readonly string[],
): string {
  const next: ManagedAnnotations = { ...current, [rollout]: [...keys] };
  return JSON.stringify(
    Object.fromEntries(
      Object.keys(next)
        .sort()
        .map((k) => [k, next[k]]),
    ),
  );
}

/** Managed route names whose keys this Rollout recorded (`<prefix>/actions.<name>` other than the weighted action). */
export function recordedRouteNames(
  keys: readonly string[],
  prefix: string,
  weightedKey: string,
): string[] {
  const head = `${prefix}/actions.`;
  return keys
    .filter((k) => k !== weightedKey && k.startsWith(head))
    .map((k) => k.slice(head.length));
}
