import { type KubeClient, rolloutPath } from '../adapters/kube/index.js';
import type { CommentEvent } from '../core/gitops/comment-event.js';
import type { FreezeCommand } from '../core/gitops/commands.js';
import type { GitSource } from '../core/gitops/config.js';
import { isHeldStatus } from '../core/rollout/stop-switch-hold.js';
import type { Rollout } from '../domain/index.js';
import { isoTime } from '../domain/time.js';
import {
  type ClusterOutcome,
  executeOnClusters,
  type FleetClusters,
} from './fleet/fleet-clusters.js';
import { applyStopSwitch, deleteStopSwitch } from './stop-switch-store.js';

/** Where a comment's switches go: this controller's cluster, and the fleet when it holds one. */
export interface FreezeWhere {
  kube: KubeClient;
  fleet?: FleetClusters;
}

/** This controller's own cluster among the fan-out's targets (fleet names are DNS labels). */
const HERE = '';

/**
 * The namespaces the repository's sources deploy to, per cluster: a source with waves into each
 * cluster of its waves, any other into this controller's cluster, as the sync applies them.
 */
export function planFreezeTargets(
  sources: readonly GitSource[],
  fleet: FleetClusters | undefined,
): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const source of sources) {
    const clusters = fleet && source.waves ? source.waves.flatMap((w) => w.clusters) : [HERE];
    for (const cluster of clusters) {
      const namespaces = targets.get(cluster) ?? [];
      if (!namespaces.includes(source.namespace)) namespaces.push(source.namespace);
      targets.set(cluster, namespaces);
    }
  }
  return targets;
}

/** `default` (one cluster), or `default in eu, us; shop in eu` (a fleet). */
function describeTargets(targets: ReadonlyMap<string, string[]>, fleet: boolean): string {
  const byNamespace = new Map<string, string[]>();
  for (const [cluster, namespaces] of targets)
    for (const ns of namespaces)
      byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), cluster || 'this cluster']);
  if (!fleet) return [...byNamespace.keys()].join(', ');
  return [...byNamespace].map(([ns, clusters]) => `${ns} in ${clusters.join(', ')}`).join('; ');
}

/**
 * `/rollouts freeze [reason]` and `/rollouts unfreeze` from a writer's comment (issue 21 §5): a
 * namespace stop switch for each namespace the repository feeds, never wider, so write access
 * to one repository stops only what that repository deploys; with a fleet, in every cluster its
 * sources deploy to. A cluster not reached is named in the reply (not why: the reply is public;
 * the caller logs), and commenting again completes it. Returns the reply line, the clusters not
 * reached with why, and after an unfreeze the Rollouts of this cluster it held, to reconcile now
 * rather than at their next recheck (other clusters' controllers recheck held Rollouts by
 * themselves).
 */
export async function runFreezeCommand(
  where: FreezeWhere,
  cmd: FreezeCommand,
  sources: readonly GitSource[],
  comment: CommentEvent,
  now: number,
): Promise<{ line: string; wake: Ref[]; unreached: string[] }> {
  const targets = planFreezeTargets(sources, where.fleet);
  const what = describeTargets(targets, where.fleet !== undefined);
  const view: FleetClusters = {
    names: [...targets.keys()],
    kubeFor: (c) => (c === HERE ? where.kube : (where.fleet as FleetClusters).kubeFor(c)),
  };
  // Without a fleet, as before: a failure throws (the caller logs it) rather than being reported.
  const each = async <T>(
    act: (kube: KubeClient, namespace: string) => Promise<T>,
  ): Promise<ClusterOutcome<T[]>[]> => {
    const inCluster = (kube: KubeClient, cluster: string) =>
      Promise.all((targets.get(cluster) ?? []).map((ns) => act(kube, ns)));
    if (!where.fleet)
      return [{ cluster: HERE, ok: true, value: await inCluster(where.kube, HERE) }];
    return executeOnClusters(view, view.names, inCluster);
  };
  const stop = {
    by: `github:${comment.user}`,
    reason: cmd.reason || `frozen from ${comment.url}`,
    at: isoTime(now),
  };
  const outcomes: ClusterOutcome<unknown[]>[] =
    cmd.freeze === 'unfreeze'
      ? await each((kube, namespace) => deleteStopSwitch(kube, { scope: 'namespace', namespace }))
      : await each((kube, namespace) =>
          applyStopSwitch(kube, { scope: 'namespace', namespace, ...stop }),
        );
  const failed = outcomes.flatMap((o) => (o.ok ? [] : [o]));
  const unreached = failed.map((o) => `${o.cluster || 'this cluster'}: ${o.error}`);
  const retry = failed.length
    ? ` Not reached: ${failed.map((o) => o.cluster || 'this cluster').join(', ')}; comment \`${cmd.text}\` again to complete it.`
    : '';
  if (cmd.freeze === 'unfreeze') {
    const cleared = outcomes.some((o) => o.ok && o.value.some((v) => v === true));
    if (!cleared)
      return {
        line: `\`${cmd.text}\`: no stop switch was set for ${what}${retry}`,
        wake: [],
        unreached,
      };
    const here = outcomes.some((o) => o.cluster === HERE && o.ok);
    return {
      line: `\`${cmd.text}\`: stop switch cleared for ${what}; held Rollouts move on${retry}`,
      wake: here ? await loadHeldRollouts(where.kube, targets.get(HERE) ?? []) : [],
      unreached,
    };
  }
  return {
    line: `\`${cmd.text}\`: stop switch set for ${what} — Rollouts there hold at their current step until \`/rollouts unfreeze\`${retry}`,
    wake: [],
    unreached,
  };
}

type Ref = { namespace: string; name: string };

/** The Rollouts of `namespaces` whose status says a stop switch holds them. */
async function loadHeldRollouts(kube: KubeClient, namespaces: readonly string[]): Promise<Ref[]> {
  const lists = await Promise.all(namespaces.map((ns) => kube.list<Rollout>(rolloutPath(ns))));
  return lists
    .flatMap((l) => l.items)
    .filter((r) => isHeldStatus(r.status))
    .map((r) => ({ namespace: r.metadata.namespace ?? '', name: r.metadata.name }));
}
