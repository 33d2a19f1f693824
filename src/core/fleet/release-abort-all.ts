import type { ClusterObservation, ReleaseStatus } from '../../domain/fleet.js';
import type { ReleaseAction } from './release-actions.js';
import { changedRollouts, rolloutKey } from './release-observe.js';

/**
 * `onFailure: abortAll` (issue 21 §3): once the release failed, every Rollout of its commit still
 * progressing in another cluster is aborted, once each (`abortRequested` is recorded). A cluster
 * whose Rollouts of the commit are all aborted or asked to is `aborted`; Healthy ones are left as
 * they are. Clusters not read this time are handled when they are.
 */
export function planAbortAll(
  status: ReleaseStatus,
  observed: readonly ClusterObservation[],
  commit: string,
  actions: ReleaseAction[],
): void {
  for (const wave of status.waves)
    for (const cluster of wave.clusters) {
      if (cluster.state !== 'progressing') continue;
      const obs = observed.find((o) => o.cluster === cluster.name);
      if (!obs) continue;
      const changed = changedRollouts(obs, commit);
      for (const r of changed) {
        if (r.aborted || r.phase === 'Healthy') continue;
        let entry = cluster.rollouts.find((e) => rolloutKey(e) === rolloutKey(r));
        if (!entry) {
          entry = { namespace: r.namespace, name: r.name, revision: r.revision };
          cluster.rollouts.push(entry);
        }
        if (entry.abortRequested) continue;
        entry.abortRequested = true;
        const reason = `release of ${commit.slice(0, 7)} failed in ${status.failure?.cluster ?? 'another cluster'}`;
        actions.push({
          kind: 'abort',
          cluster: cluster.name,
          namespace: r.namespace,
          name: r.name,
          reason,
        });
      }
      const stopped = (r: (typeof changed)[number]) =>
        r.aborted ||
        cluster.rollouts.some((e) => rolloutKey(e) === rolloutKey(r) && e.abortRequested === true);
      if (changed.some(stopped) && changed.every((r) => stopped(r) || r.phase === 'Healthy'))
        cluster.state = 'aborted';
    }
}
