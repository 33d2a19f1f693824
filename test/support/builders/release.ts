// Release objects (issue 21) as the release controller leaves them, for the read side's tests:
// one Succeeded over three waves, one Failed in its second wave, one Held by a deny window.
import { KubeApiError, KubeClient } from '../../../src/adapters/kube/index.js';
import { RELEASE_SOURCE_LABEL, releasePath } from '../../../src/controller/fleet/release-store.js';
import {
  type ClusterReleaseStatus,
  RELEASE_RESOURCE,
  type Release,
  type ReleaseStatus,
  type Wave,
  type WaveStatus,
} from '../../../src/domain/fleet.js';
import { isoTime } from '../../../src/domain/time.js';
import { startHarness } from '../../devcluster/harness.js';

export const MIN = 60_000;

/** `minutes` after `now` (before it when negative), as RFC 3339. */
export function minutesFrom(now: number, minutes: number): string {
  return isoTime(now + minutes * MIN);
}

/** Runs `fn` against a fresh devcluster with no CRDs installed, so no Release CRD. */
export async function withoutReleaseCrd<T>(fn: (kube: KubeClient) => Promise<T>): Promise<T> {
  const bare = await startHarness();
  try {
    return await fn(new KubeClient({ server: bare.url }));
  } finally {
    await bare.close();
  }
}

/** staging, then prod-eu with a 30-minute soak, then prod-us and prod-ap. */
export const FLEET_WAVES: Wave[] = [
  { clusters: ['staging'], soakSeconds: 0, lockstep: false },
  { clusters: ['prod-eu'], soakSeconds: 1800, lockstep: false },
  { clusters: ['prod-us', 'prod-ap'], soakSeconds: 0, lockstep: false },
];

export interface ReleaseOverrides {
  source?: string;
  /** The source's namespace, where the Release lives. */
  namespace?: string;
  commit?: string;
  committedAt?: string;
  waves?: Wave[];
  status?: ReleaseStatus;
}

/** A Release named `<source>-<commit 7>`; without `status`, one the controller has not planned yet. */
export function aFleetRelease(o: ReleaseOverrides = {}): Release {
  const source = o.source ?? 'shop';
  const namespace = o.namespace ?? source;
  const commit = o.commit ?? '0123456789abcdef0123456789abcdef01234567';
  return {
    metadata: { name: `${source}-${commit.slice(0, 7)}`, namespace },
    spec: {
      source,
      namespace,
      commit,
      committedAt: o.committedAt ?? '2026-01-01T00:00:00Z',
      waves: o.waves ?? FLEET_WAVES,
      onFailure: 'halt',
    },
    ...(o.status ? { status: o.status } : {}),
  };
}

/** A cluster healthy with its `web` Rollout on `revision`, delivered then healthy at those times. */
function healthyCluster(name: string, deliveredAt: string, healthyAt: string, revision: number) {
  return {
    name,
    state: 'healthy',
    deliveredAt,
    healthyAt,
    rollouts: [{ namespace: 'shop', name: 'web', revision, phase: 'Healthy' }],
  } satisfies ClusterReleaseStatus;
}

/** A wave that started, was healthy, soaked and passed at those times. */
function passedWave(
  clusters: ClusterReleaseStatus[],
  t: { startedAt: string; healthyAt: string; soakUntil: string },
): WaveStatus {
  return { clusters, ...t, passedAt: t.soakUntil };
}

const pendingCluster = (name: string): ClusterReleaseStatus => ({
  name,
  state: 'pending',
  rollouts: [],
});

/** shop at a1b2c3d: committed 3 h ago, through all three waves, Healthy everywhere 100 min ago. */
export function succeededRelease(now: number): Release {
  const commit = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
  const t = (m: number) => minutesFrom(now, -m);
  return aFleetRelease({
    commit,
    committedAt: t(180),
    status: {
      commit,
      source: 'shop',
      phase: 'Succeeded',
      startedAt: t(175),
      healthyAt: t(100),
      finishedAt: t(100),
      waves: [
        passedWave([healthyCluster('staging', t(175), t(165), 4)], {
          startedAt: t(175),
          healthyAt: t(165),
          soakUntil: t(165),
        }),
        passedWave([healthyCluster('prod-eu', t(165), t(150), 7)], {
          startedAt: t(165),
          healthyAt: t(150),
          soakUntil: t(120),
        }),
        passedWave(
          [
            healthyCluster('prod-us', t(120), t(105), 7),
            healthyCluster('prod-ap', t(120), t(100), 6),
          ],
          { startedAt: t(120), healthyAt: t(100), soakUntil: t(100) },
        ),
      ],
    },
  });
}

/** shop at b2c3d4e: staging passed, then prod-eu's `web` went Degraded 30 min ago; wave 3 never started. */
export function failedRelease(now: number): Release {
  const commit = 'b2c3d4e5f60718293a4b5c6d7e8f901234567890';
  const t = (m: number) => minutesFrom(now, -m);
  return aFleetRelease({
    commit,
    committedAt: t(60),
    status: {
      commit,
      source: 'shop',
      phase: 'Failed',
      startedAt: t(58),
      finishedAt: t(30),
      failure: {
        cluster: 'prod-eu',
        namespace: 'shop',
        name: 'web',
        reason: 'the Rollout is Degraded',
        at: t(30),
      },
      waves: [
        passedWave([healthyCluster('staging', t(58), t(50), 5)], {
          startedAt: t(58),
          healthyAt: t(50),
          soakUntil: t(50),
        }),
        {
          startedAt: t(50),
          clusters: [
            {
              name: 'prod-eu',
              state: 'failed',
              deliveredAt: t(50),
              rollouts: [{ namespace: 'shop', name: 'web', revision: 8, phase: 'Degraded' }],
            },
          ],
        },
        { clusters: [pendingCluster('prod-us'), pendingCluster('prod-ap')] },
      ],
    },
  });
}

/** billing at c3d4e5f: staging passed; prod-eu waits for a deny window that closes in 2 h. */
export function heldRelease(now: number): Release {
  const commit = 'c3d4e5f60718293a4b5c6d7e8f90123456789012';
  const t = (m: number) => minutesFrom(now, -m);
  return aFleetRelease({
    source: 'billing',
    commit,
    committedAt: t(20),
    status: {
      commit,
      source: 'billing',
      phase: 'Held',
      startedAt: t(18),
      heldBy: {
        kind: 'window',
        reason: 'deny window "0 18 * * 5" (Europe/Paris)',
        until: minutesFrom(now, 120),
      },
      waves: [
        passedWave(
          [
            {
              ...healthyCluster('staging', t(18), t(10), 12),
              rollouts: [{ namespace: 'billing', name: 'api', revision: 12, phase: 'Healthy' }],
            },
          ],
          { startedAt: t(18), healthyAt: t(10), soakUntil: t(10) },
        ),
        { clusters: [pendingCluster('prod-eu')] },
        { clusters: [pendingCluster('prod-us'), pendingCluster('prod-ap')] },
      ],
    },
  });
}

/** The three, oldest first (the order the API must not depend on). */
export function releaseHistory(now: number): Release[] {
  return [succeededRelease(now), failedRelease(now), heldRelease(now)];
}

/**
 * Stores the releases as the controller does (src/controller/fleet/release-store.ts): the object
 * labelled with its source (its namespace created when missing), then its status through the
 * status subresource, which the CRD's schema validates.
 */
export async function createReleases(kube: KubeClient, releases: Release[]): Promise<void> {
  for (const r of releases) {
    const namespace = r.metadata.namespace ?? r.spec.namespace;
    await kube
      .create('/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace },
      })
      .catch((e: unknown) => {
        if (!(e instanceof KubeApiError && e.isAlreadyExists)) throw e;
      });
    const { status, ...object } = r;
    await kube.create(releasePath(namespace), {
      apiVersion: `${RELEASE_RESOURCE.group}/${RELEASE_RESOURCE.version}`,
      kind: RELEASE_RESOURCE.kind,
      ...object,
      metadata: { ...object.metadata, labels: { [RELEASE_SOURCE_LABEL]: r.spec.source } },
    });
    if (status)
      await kube.mergePatch(`${releasePath(namespace, r.metadata.name)}/status`, { status });
  }
}
