import type { StopSwitch } from '../domain/fleet.js';
import {
  type ClusterOutcome,
  executeOnClusters,
  type FleetClusters,
} from './fleet/fleet-clusters.js';
import {
  applyStopSwitch,
  deleteStopSwitch,
  loadStopSwitches,
  type StopScope,
} from './stop-switch-store.js';

/**
 * Stop switches across a fleet (issue 21 §5), written by the controller that holds the fleet. A
 * switch is stored in every cluster it covers, under the name its scope gives it
 * (stop-switch-store.ts), so each cluster's own reconcile honours it with the one LIST it makes
 * today, and setting or clearing it again is idempotent: a cluster not reached the first time is
 * simply written on the retry.
 *
 * | scope                          | written into         |
 * |--------------------------------|----------------------|
 * | `fleet`                        | every cluster        |
 * | `cluster` (`cluster`)          | that cluster         |
 * | `namespace` (`namespace`)      | every cluster        |
 * | `namespace` (both)             | that cluster         |
 */
export function clustersOfScope(fleet: FleetClusters, scope: StopScope): string[] {
  return scope.cluster !== undefined ? [scope.cluster] : [...fleet.names];
}

/** What a caller asked to stop, as given (API body or query, CLI flags); each part optional. */
export interface StopScopeRequest {
  scope?: string;
  cluster?: string;
  namespace?: string;
}

/**
 * The switch's scope from what was asked: a namespace (in one cluster if one is named), else a
 * cluster, else the fleet. An explicit `scope` must agree with the parts given. Returns what is
 * wrong instead when it does not; names are checked by the caller, which knows their syntax.
 */
export function buildStopScope(req: StopScopeRequest): StopScope | { problem: string } {
  const { cluster, namespace } = req;
  const scope: StopScope =
    namespace !== undefined
      ? { scope: 'namespace', namespace, ...(cluster !== undefined ? { cluster } : {}) }
      : cluster !== undefined
        ? { scope: 'cluster', cluster }
        : { scope: 'fleet' };
  if (req.scope === undefined || req.scope === scope.scope) return scope;
  if (req.scope !== 'fleet' && req.scope !== 'cluster' && req.scope !== 'namespace')
    return {
      problem: `scope must be fleet, cluster or namespace, not ${JSON.stringify(req.scope)}`,
    };
  const needs = {
    fleet: 'neither cluster nor namespace',
    cluster: 'a cluster and no namespace',
    namespace: 'a namespace',
  };
  return { problem: `scope ${req.scope} takes ${needs[req.scope]}` };
}

/** Sets the switch in every cluster its scope covers; one outcome per cluster. */
export function applyFleetStopSwitch(
  fleet: FleetClusters,
  stop: StopSwitch,
): Promise<ClusterOutcome<StopSwitch>[]> {
  return executeOnClusters(fleet, clustersOfScope(fleet, stop), (kube) =>
    applyStopSwitch(kube, stop),
  );
}

/** Clears the switch in every cluster its scope covers; per cluster, whether one was set. */
export function deleteFleetStopSwitch(
  fleet: FleetClusters,
  scope: StopScope,
): Promise<ClusterOutcome<boolean>[]> {
  return executeOnClusters(fleet, clustersOfScope(fleet, scope), (kube) =>
    deleteStopSwitch(kube, scope),
  );
}

/** The switches stored in each cluster of the fleet, as stored. */
export function loadFleetStopSwitches(
  fleet: FleetClusters,
): Promise<ClusterOutcome<StopSwitch[]>[]> {
  return executeOnClusters(fleet, fleet.names, (kube) => loadStopSwitches(kube));
}

/**
 * The switches read from each cluster as the release gates need them (core/fleet `assessGate`):
 * a switch covers the cluster whose store holds it and no other, as that cluster's reconcile
 * honours it. So a `fleet` switch set by hand in one cluster only (`rollouts freeze` against one
 * context) stops that cluster, and one the fan-out wrote everywhere stops every cluster. Clusters
 * not read are left out: the caller decides what an unread cluster means.
 */
export function localiseStopSwitches(read: readonly ClusterOutcome<StopSwitch[]>[]): StopSwitch[] {
  return read.flatMap((o) =>
    o.ok
      ? o.value.map((s): StopSwitch => ({
          ...s,
          scope: s.scope === 'fleet' ? 'cluster' : s.scope,
          cluster: o.cluster,
        }))
      : [],
  );
}
