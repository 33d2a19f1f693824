import { isFinishedRelease } from '../../core/fleet/release-name.js';
import type { GitSource } from '../../core/gitops/config.js';
import type { ReconcileHint } from '../../domain/hint.js';
import { type ReleaseStart, startRelease } from './release-start.js';
import { type ReleaseStepDeps, type ReleaseStepResult, stepRelease } from './release-step.js';
import { loadReleases } from '../load-releases.js';

/**
 * Fleet releases (issue 21) as the dispatcher and GitOps use them: a push to a source with waves
 * starts a release (`start`), a `Release` hint steps one (`step`), and the resync sweep wakes
 * every unfinished one (`unfinished`), so a lost timer or a dead handler only delays a release.
 */
export interface FleetReleases {
  /** Whether the source goes out in waves, through releases, rather than into this one cluster. */
  handles(source: GitSource): boolean;
  start(source: GitSource): Promise<ReleaseStart>;
  step(ref: { namespace: string; name: string }): Promise<ReleaseStepResult>;
  unfinished(): Promise<ReconcileHint[]>;
}

export function createFleetReleases(deps: ReleaseStepDeps): FleetReleases {
  return {
    handles: (source) => source.waves !== undefined,
    start: (source) => startRelease(deps, source),
    step: (ref) => stepRelease(deps, ref),
    async unfinished() {
      const { releases } = await loadReleases(deps.home, undefined);
      return releases
        .filter((r) => !isFinishedRelease(r.status?.phase))
        .map((r) => ({
          kind: 'Release',
          namespace: r.metadata.namespace ?? r.spec.namespace,
          name: r.metadata.name,
        }));
    },
  };
}
