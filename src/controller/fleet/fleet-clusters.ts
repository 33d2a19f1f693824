import type { KubeClient } from '../../adapters/kube/index.js';

/**
 * The fleet as the controller that holds it (the home controller) reaches it (issue 21): one
 * client per named cluster. Given to the freeze routes and the `/rollouts freeze` comment command
 * so a stop switch is written into every cluster it covers; absent, they act on the one cluster
 * of their own connection, as before.
 */
export interface FleetClusters {
  /** Every cluster of the fleet, in the configuration's order. */
  names: readonly string[];
  /** The client of a named cluster; throws for a name not in `names`. */
  kubeFor(name: string): KubeClient;
}

/** What one cluster answered to a fan-out: its result, or why it was not reached. */
export type ClusterOutcome<T> =
  { cluster: string; ok: true; value: T } | { cluster: string; ok: false; error: string };

/**
 * Runs `act` against each named cluster, all at once, and collects every answer: a cluster that
 * fails does not keep the others from being written, and its error (a message, never a
 * credential: KubeApiError messages carry method, path and the server's text) is kept for the
 * caller to report.
 */
export async function executeOnClusters<T>(
  fleet: FleetClusters,
  clusters: readonly string[],
  act: (kube: KubeClient, cluster: string) => Promise<T>,
): Promise<ClusterOutcome<T>[]> {
  const settled = await Promise.allSettled(clusters.map(async (c) => act(fleet.kubeFor(c), c)));
  return settled.map((s, i): ClusterOutcome<T> => {
    const cluster = clusters[i] ?? '';
    if (s.status === 'fulfilled') return { cluster, ok: true, value: s.value };
    return {
      cluster,
      ok: false,
      error: s.reason instanceof Error ? s.reason.message : String(s.reason),
    };
  });
}

/** The clusters of a fan-out that were not reached. */
export function unreachedClusters(outcomes: readonly ClusterOutcome<unknown>[]): string[] {
  return outcomes.filter((o) => !o.ok).map((o) => o.cluster);
}
