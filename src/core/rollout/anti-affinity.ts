import { LABELS, type ReplicaSet, type Rollout } from '../../domain/index.js';
import { isRecord } from '../../domain/json.js';
import { hashOf } from './replica-sets.js';
import { INJECTED_TOPOLOGY_KEY } from './template/index.js';

/**
 * The pod anti-affinity term that keeps canary pods off the nodes of the stable pods (spec §1.6):
 * `rollouts-pod-template-hash In [<stable hash>]` in the rollout's namespace, per node. Template
 * matching recognises and ignores exactly this shape (`template/anti-affinity.ts`).
 */
export function buildAntiAffinityTerm(
  stableHash: string,
  namespace: string | undefined,
): Record<string, unknown> {
  return {
    labelSelector: {
      matchExpressions: [{ key: LABELS.podTemplateHash, operator: 'In', values: [stableHash] }],
    },
    ...(namespace ? { namespaces: [namespace] } : {}),
    topologyKey: INJECTED_TOPOLOGY_KEY,
  };
}

/**
 * A copy of the new ReplicaSet `rs` whose pod template carries the injected anti-affinity term,
 * when the strategy asks for one and an update is in progress (`stableHash` set and not `rs`'s own
 * hash); otherwise `rs` itself. `required…` appends a term, `preferred…: {weight}` a weighted term;
 * the user's own affinity terms are kept.
 */
export function withInjectedAntiAffinity(
  rs: ReplicaSet,
  rollout: Rollout,
  stableHash: string | undefined,
): ReplicaSet {
  const strategy = rollout.spec.strategy?.canary?.antiAffinity;
  if (!isRecord(strategy) || !stableHash || stableHash === hashOf(rs)) return rs;
  const term = buildAntiAffinityTerm(stableHash, rollout.metadata.namespace);
  const preferred = strategy.preferredDuringSchedulingIgnoredDuringExecution;
  const [key, entry] = isRecord(preferred)
    ? [
        'preferredDuringSchedulingIgnoredDuringExecution',
        { weight: preferred.weight, podAffinityTerm: term },
      ]
    : ['requiredDuringSchedulingIgnoredDuringExecution', term];

  const out = structuredClone(rs);
  const template = (out.spec.template ??= {});
  const podSpec = (template.spec ??= {});
  const affinity = isRecord(podSpec.affinity) ? podSpec.affinity : {};
  const anti = isRecord(affinity.podAntiAffinity) ? affinity.podAntiAffinity : {};
  const existing: unknown[] = Array.isArray(anti[key]) ? (anti[key] as unknown[]) : [];
  podSpec.affinity = { ...affinity, podAntiAffinity: { ...anti, [key]: [...existing, entry] } };
  return out;
}
