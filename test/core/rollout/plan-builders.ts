import type { PlanContext } from '../../../src/core/rollout/plan-context.js';
import type { ObservedRollout } from '../../../src/core/rollout/plan-types.js';
import { ANNOTATIONS, LABELS } from '../../../src/domain/index.js';
import { aCanary } from '../../support/builders/index.js';
import type {
  CanaryStrategy,
  Pod,
  ReplicaSet,
  Rollout,
  RolloutStatus,
} from '../../../src/domain/index.js';

type Metadata = { labels?: Record<string, string>; annotations?: Record<string, string> };

/** A canary Rollout `guestbook` in `default` running `image`, with the strategy fields given. */
export function aRollout(
  o: { image?: string; canary?: Partial<CanaryStrategy>; status?: RolloutStatus } = {},
): Rollout {
  return aCanary(
    { steps: [{ setWeight: 50 }, { pause: {} }], ...o.canary },
    {
      metadata: { uid: 'ro-uid', generation: 1 },
      spec: {
        replicas: 3,
        template: {
          metadata: { labels: { app: 'guestbook' } },
          spec: { containers: [{ name: 'app', image: o.image ?? 'demo:v1' }] },
        },
      },
      ...(o.status ? { status: o.status } : {}),
    },
  );
}

/** A ReplicaSet `guestbook-<hash>`; `ephemeral` is both injected into its template and recorded in its annotation. */
export function anRs(o: {
  hash: string;
  replicas?: number;
  ephemeral?: Metadata;
  templateLabels?: Record<string, string>;
}): ReplicaSet {
  const labels = { app: 'guestbook', [LABELS.podTemplateHash]: o.hash };
  return {
    metadata: {
      name: `guestbook-${o.hash}`,
      namespace: 'default',
      labels,
      annotations: {
        [ANNOTATIONS.revision]: '1',
        ...(o.ephemeral ? { [ANNOTATIONS.ephemeralMetadata]: JSON.stringify(o.ephemeral) } : {}),
      },
    },
    spec: {
      replicas: o.replicas ?? 1,
      template: {
        metadata: {
          labels: { ...labels, ...o.templateLabels, ...o.ephemeral?.labels },
          ...(o.ephemeral?.annotations ? { annotations: o.ephemeral.annotations } : {}),
        },
        spec: {},
      },
    },
  };
}

/** A pod of the RS with `hash`, carrying `labels` besides the app and hash labels. */
export function aPod(o: {
  name: string;
  hash: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  terminating?: boolean;
}): Pod {
  return {
    metadata: {
      name: o.name,
      labels: { app: 'guestbook', [LABELS.podTemplateHash]: o.hash, ...o.labels },
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.terminating ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
    },
  };
}

export function observe(
  rollout: Rollout,
  replicaSets: ReplicaSet[],
  pods?: Pod[],
): ObservedRollout {
  return {
    rollout,
    replicaSets,
    services: new Map(),
    ...(pods ? { pods } : {}),
    now: Date.parse('2024-01-01T00:00:00Z'),
  };
}

/**
 * A planning context past RS resolution: `newHash` names the new RS among `rss`, `stableHash`
 * the one recorded as stable.
 */
export function aContext(o: {
  rollout: Rollout;
  rss: ReplicaSet[];
  newHash: string;
  stableHash?: string;
  pods?: Pod[];
}): PlanContext {
  const hashOf = (rs: ReplicaSet) => rs.metadata.labels?.[LABELS.podTemplateHash];
  const newRS = o.rss.find((rs) => hashOf(rs) === o.newHash);
  const stableRS = o.rss.find((rs) => hashOf(rs) === o.stableHash);
  const status: RolloutStatus = o.stableHash ? { stableRS: o.stableHash } : {};
  return {
    o: observe(o.rollout, o.rss, o.pods),
    rollout: o.rollout,
    now: 0,
    nowIso: '1970-01-01T00:00:00Z',
    prev: status,
    status: structuredClone(status),
    actions: [],
    events: [],
    wakeAt: [],
    replicas: 3,
    steps: [],
    ...(newRS ? { newRS, newHash: o.newHash } : {}),
    ...(stableRS ? { stableRS } : {}),
    olderRSs: o.rss.filter((rs) => rs !== newRS),
    progressed: false,
  };
}
