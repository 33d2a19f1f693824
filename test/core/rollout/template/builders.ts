import { ANNOTATIONS, LABELS } from '../../../../src/domain/index.js';
import type { PodTemplateSpec, ReplicaSet, Rollout } from '../../../../src/domain/index.js';
import { defaultPodTemplate } from '../../../../src/domain/pod-defaults.js';
import { aRollout as aSharedRollout } from '../../../support/builders/index.js';

/** A pod template as a user writes it in `spec.template`. */
export function aTemplate(
  o: {
    image?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    spec?: Record<string, unknown>;
  } = {},
): PodTemplateSpec {
  return {
    metadata: {
      labels: o.labels ?? { app: 'guestbook' },
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: o.image ?? 'argoproj/rollouts-demo:blue',
          ports: [{ containerPort: 8080 }],
        },
      ],
      ...o.spec,
    },
  };
}

export type AntiAffinityKind = 'required' | 'preferred';

export interface Injection {
  hash?: string;
  ephemeral?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  antiAffinity?: { kind: AntiAffinityKind; stableHash: string };
}

/** The anti-affinity term the controller adds to a new RS while an update is in progress (spec §1.6). */
export function injectedTerm(stableHash: string): Record<string, unknown> {
  return {
    labelSelector: {
      matchExpressions: [{ key: LABELS.podTemplateHash, operator: 'In', values: [stableHash] }],
    },
    namespaces: ['default'],
    topologyKey: 'kubernetes.io/hostname',
  };
}

/** What the RS template looks like once the controller injected its pieces and the API server defaulted it. */
export function asStoredInRs(template: PodTemplateSpec, inj: Injection): PodTemplateSpec {
  const t = structuredClone(template);
  const meta = (t.metadata ??= {});
  if (inj.hash) meta.labels = { ...meta.labels, [LABELS.podTemplateHash]: inj.hash };
  if (inj.ephemeral?.labels) meta.labels = { ...meta.labels, ...inj.ephemeral.labels };
  if (inj.ephemeral?.annotations)
    meta.annotations = { ...meta.annotations, ...inj.ephemeral.annotations };
  if (inj.antiAffinity) {
    const spec = (t.spec ??= {});
    const term = injectedTerm(inj.antiAffinity.stableHash);
    spec.affinity = {
      podAntiAffinity:
        inj.antiAffinity.kind === 'required'
          ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
          : {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 50, podAffinityTerm: term },
              ],
            },
    };
  }
  defaultPodTemplate(t);
  return t;
}

export function anRs(
  o: {
    name?: string;
    hash?: string;
    revision?: string;
    template?: PodTemplateSpec;
    ephemeral?: Injection['ephemeral'];
    createdAt?: string;
  } = {},
): ReplicaSet {
  const annotations: Record<string, string> = {};
  if (o.revision !== undefined) annotations[ANNOTATIONS.revision] = o.revision;
  if (o.ephemeral) annotations[ANNOTATIONS.ephemeralMetadata] = JSON.stringify(o.ephemeral);
  return {
    metadata: {
      name: o.name ?? `guestbook-${o.hash ?? 'x'}`,
      labels: o.hash
        ? { app: 'guestbook', [LABELS.podTemplateHash]: o.hash }
        : { app: 'guestbook' },
      annotations,
      ...(o.createdAt ? { creationTimestamp: o.createdAt } : {}),
    },
    spec: { replicas: 1, ...(o.template ? { template: o.template } : {}) },
  };
}

export function aRollout(o: { template?: PodTemplateSpec; collisionCount?: number } = {}): Rollout {
  return aSharedRollout({
    spec: { replicas: 1, template: o.template },
    ...(o.collisionCount !== undefined ? { status: { collisionCount: o.collisionCount } } : {}),
  });
}
