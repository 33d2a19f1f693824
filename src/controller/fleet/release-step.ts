import type { GitHubApi, RepoRef } from '../../adapters/github/index.js';
import type { KubeClient } from '../../adapters/kube/index.js';
import { buildReleaseReport, planRelease, type ReleaseAction } from '../../core/fleet/index.js';
import { failDelivery } from '../../core/fleet/release-delivery.js';
import { isFinishedRelease } from '../../core/fleet/release-name.js';
import { planWaveStatuses } from '../../core/fleet/release-statuses.js';
import type { GitOpsConfig, GitSource } from '../../core/gitops/config.js';
import type {
  ClusterObservation,
  Release,
  ReleaseStatus,
  StopSwitch,
  WindowConfig,
} from '../../domain/fleet.js';
import { syncSource } from '../gitops/sync-source.js';
import { loadFleetStopSwitches, localiseStopSwitches } from '../stop-switch-fleet.js';
import { loadStopSwitches } from '../stop-switch-store.js';
import { executeRolloutAction } from './execute-release-action.js';
import { loadClusterObservation } from './observe-cluster.js';
import { loadRelease, saveReleaseStatus } from './release-store.js';

/** What a release step reaches: the home cluster, each member, GitHub, the windows. */
export interface ReleaseStepDeps {
  /** Where the Release objects live. */
  home: KubeClient;
  /** The home's name when it is one of the fleet's clusters (its switches are then read once). */
  homeCluster?: string;
  /** The fleet's clusters by name; throws for one it does not know. */
  kubeFor(cluster: string): KubeClient;
  windows: WindowConfig;
  /** The GitOps sources (a release delivers its source's manifests at its commit). */
  config: GitOpsConfig;
  github(repo: RepoRef): Promise<GitHubApi>;
  now(): number;
  log(line: string): void;
  /**
   * How soon an unfinished release looks at its clusters again. Nothing wakes the home controller
   * when a member's Rollout changes, so the release polls while it has something in flight.
   */
  pollMs: number;
}

export interface ReleaseStepResult {
  outcome: 'committed' | 'unchanged' | 'conflict' | 'gone';
  nextReconcileAt?: number;
}

/**
 * One step of one release (issue 21 §2): read the Release and what its clusters show, plan
 * (`planRelease`, pure), execute every action, then write the status guarded by the
 * resourceVersion read. A handler that dies anywhere in between leaves the status as it was, so the
 * next step plans the same actions again; each is idempotent (release-actions.ts), so nothing is
 * skipped or done twice.
 */
export async function stepRelease(
  deps: ReleaseStepDeps,
  ref: { namespace: string; name: string },
): Promise<ReleaseStepResult> {
  const release = await loadRelease(deps.home, ref.namespace, ref.name);
  if (!release) return { outcome: 'gone' };
  if (isFinishedRelease(release.status?.phase)) return { outcome: 'unchanged' };
  const now = deps.now();
  const source = deps.config.sources.find((s) => s.name === release.spec.source);
  const observed = await observeClusters(deps, release, source);
  const stops = await loadClusterStops(deps, release);
  const plan = planRelease(release, observed, stops, deps.windows, now);
  const status = plan.status;
  const planned = status.phase;
  for (const action of plan.actions) {
    if (action.kind === 'report') continue; // posted last, from the status as it ends
    await executeAction(deps, release, source, status, action, now);
  }
  // A refused delivery fails the release after planning: GitHub hears of that too.
  if (plan.actions.some((a) => a.kind === 'report') || status.phase !== planned)
    await postWaveStatuses(deps, release, source, status);
  const before = JSON.stringify(release.status ?? null);
  if (JSON.stringify(status) !== before) {
    const saved = await saveReleaseStatus(deps.home, release, status);
    if (saved !== 'saved') return { outcome: saved };
    logTransition(deps, release, release.status, status);
  }
  if (isFinishedRelease(status.phase)) return { outcome: 'committed' };
  const poll = now + deps.pollMs;
  return {
    outcome: JSON.stringify(status) === before ? 'unchanged' : 'committed',
    nextReconcileAt: plan.nextAt !== undefined ? Math.min(plan.nextAt, poll) : poll,
  };
}

/**
 * The clusters the plan looks at: every one already given the commit, and those of the first wave
 * not passed (whether a crashed step delivered there already). Later waves have nothing to show.
 * A cluster that cannot be read is left out: the plan keeps its state until it can be.
 */
async function observeClusters(
  deps: ReleaseStepDeps,
  release: Release,
  source: GitSource | undefined,
): Promise<ClusterObservation[]> {
  if (!source) return [];
  const waves = release.status?.waves ?? [];
  const firstOpen = waves.findIndex((w) => !w.passedAt);
  const names = waves.flatMap((w, i) =>
    w.clusters.filter((c) => c.state !== 'pending' || i === firstOpen).map((c) => c.name),
  );
  if (!release.status) names.push(...(release.spec.waves[0]?.clusters ?? [])); // a crashed first step may have delivered
  const out: ClusterObservation[] = [];
  for (const cluster of new Set(names)) {
    try {
      out.push(await loadClusterObservation(deps.kubeFor(cluster), cluster, source));
    } catch (e) {
      deps.log(`release ${release.metadata.name}: cluster ${cluster} not read: ${message(e)}`);
    }
  }
  return out;
}

/**
 * The stop switches of every cluster the release may move in. A switch holds where it is written
 * (the home controller writes a fleet switch into each cluster), so each one read there is bound
 * to the cluster it was read from; a cluster that cannot be read is logged and gates nothing.
 * Besides, a whole-fleet switch in the home cluster (a plain `rollouts freeze` against it) stops
 * every release everywhere: the release then holds its in-flight Rollouts in every cluster.
 */
async function loadClusterStops(deps: ReleaseStepDeps, release: Release): Promise<StopSwitch[]> {
  const names = [...new Set(release.spec.waves.flatMap((w) => w.clusters))];
  const read = await loadFleetStopSwitches({ names, kubeFor: (c) => deps.kubeFor(c) });
  for (const o of read)
    if (!o.ok)
      deps.log(
        `release ${release.metadata.name}: switches of ${o.cluster} not read: ${message(o.error)}`,
      );
  // The home is usually a member too: its switches were read with the others then.
  const member =
    deps.homeCluster === undefined ? undefined : read.find((o) => o.cluster === deps.homeCluster);
  const atHome = member?.ok ? member.value : await loadStopSwitches(deps.home);
  return [...atHome.filter((s) => s.scope === 'fleet'), ...localiseStopSwitches(read)];
}

async function executeAction(
  deps: ReleaseStepDeps,
  release: Release,
  source: GitSource | undefined,
  status: ReleaseStatus,
  action: Exclude<ReleaseAction, { kind: 'report' }>,
  now: number,
): Promise<void> {
  if (action.kind !== 'deliver') {
    await executeRolloutAction(
      {
        kubeFor: (c) => deps.kubeFor(c),
        now: deps.now,
        release: release.metadata.name,
        log: deps.log,
      },
      action,
    );
    return;
  }
  if (!source) {
    failDelivery(
      release.spec,
      status,
      action.cluster,
      [`source ${release.spec.source} is no longer configured`],
      now,
    );
    return;
  }
  const result = await syncSource(
    {
      kube: deps.kubeFor(action.cluster),
      // GitHub environments, sync contexts and deployment payloads name the member cluster.
      config: { ...deps.config, cluster: action.cluster },
      github: deps.github,
      log: deps.log,
    },
    source,
    action.commit,
  );
  if (result.outcome === 'invalid')
    failDelivery(release.spec, status, action.cluster, result.problems, now);
  else if (result.outcome === 'gone')
    failDelivery(release.spec, status, action.cluster, [result.reason], now);
  else deps.log(`release ${release.metadata.name}: delivered to ${action.cluster}`);
}

async function postWaveStatuses(
  deps: ReleaseStepDeps,
  release: Release,
  source: GitSource | undefined,
  status: ReleaseStatus,
): Promise<void> {
  if (!source) return;
  const repo = { owner: source.owner, repo: source.repo };
  const api = await deps.github(repo);
  // Only what changed since the persisted status: GitHub keeps every status posted.
  const before = release.status ? planWaveStatuses(buildReleaseReport(release.status)) : [];
  const said = new Set(before.map((s) => JSON.stringify(s)));
  for (const s of planWaveStatuses(buildReleaseReport(status)))
    if (!said.has(JSON.stringify(s))) await api.createCommitStatus(repo, release.spec.commit, s);
}

function logTransition(
  deps: ReleaseStepDeps,
  release: Release,
  before: ReleaseStatus | undefined,
  after: ReleaseStatus,
): void {
  const states = (s: ReleaseStatus | undefined) =>
    (s?.waves ?? [])
      .map((w) => w.clusters.map((c) => `${c.name}:${c.state}`).join(','))
      .join(' | ');
  const held = after.heldBy ? ` held (${after.heldBy.kind}: ${after.heldBy.reason})` : '';
  if (before?.phase !== after.phase || states(before) !== states(after))
    deps.log(`release ${release.metadata.name}: ${after.phase}${held} ${states(after)}`);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
