import { LABELS, NODE_LABELS } from '../../../domain/index.js';
import { isRecord } from '../../../domain/json.js';

/** Topology key of the anti-affinity term the controller injects into a new RS (spec §1.6). */
export const INJECTED_TOPOLOGY_KEY = NODE_LABELS.hostname;

const REQUIRED = 'requiredDuringSchedulingIgnoredDuringExecution';
const PREFERRED = 'preferredDuringSchedulingIgnoredDuringExecution';

/**
 * Whether a PodAffinityTerm has the shape of the injected one: selector exactly
 * `rollouts-pod-template-hash In [...]` (no matchLabels) and topologyKey `kubernetes.io/hostname`.
 * Namespaces are not checked: they are the rollout's, which the template does not know.
 */
export function isInjectedAntiAffinityTerm(term: unknown): boolean {
  if (!isRecord(term) || term.topologyKey !== INJECTED_TOPOLOGY_KEY) return false;
  const selector = term.labelSelector;
  if (!isRecord(selector)) return false;
  if (isRecord(selector.matchLabels) && Object.keys(selector.matchLabels).length > 0) return false;
  const exprs = selector.matchExpressions;
  if (!Array.isArray(exprs) || exprs.length !== 1) return false;
  const [expr] = exprs as unknown[];
  return isRecord(expr) && expr.key === LABELS.podTemplateHash && expr.operator === 'In';
}

function isEmptyRecord(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 0;
}

/** Drops `list[key]` entries matching `isInjected`; reports whether anything was removed. */
function removeFrom(
  owner: Record<string, unknown>,
  key: string,
  isInjected: (item: unknown) => boolean,
): boolean {
  const list = owner[key];
  if (!Array.isArray(list)) return false;
  const kept = list.filter((item) => !isInjected(item));
  if (kept.length === list.length) return false;
  if (kept.length === 0) delete owner[key];
  else owner[key] = kept;
  return true;
}

/**
 * Removes the injected anti-affinity term (required, or preferred with any weight) from a pod spec,
 * in place, and then any affinity container left empty by that removal. The user's own terms, and
 * containers that were already empty, are left alone.
 */
export function removeInjectedAntiAffinity(podSpec: Record<string, unknown>): void {
  const affinity = podSpec.affinity;
  if (!isRecord(affinity)) return;
  const anti = affinity.podAntiAffinity;
  if (!isRecord(anti)) return;
  const removedRequired = removeFrom(anti, REQUIRED, isInjectedAntiAffinityTerm);
  const removedPreferred = removeFrom(
    anti,
    PREFERRED,
    (w) => isRecord(w) && isInjectedAntiAffinityTerm(w.podAffinityTerm),
  );
  if (!removedRequired && !removedPreferred) return;
  if (isEmptyRecord(anti)) delete affinity.podAntiAffinity;
  if (isEmptyRecord(affinity)) delete podSpec.affinity;
}
