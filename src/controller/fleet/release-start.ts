import type { GitSource } from '../../core/gitops/config.js';
import { isFinishedRelease, releaseName } from '../../core/fleet/release-name.js';
import { isoTime } from '../../domain/time.js';
import type { ReleaseStepDeps } from './release-step.js';
import { createRelease, listSourceReleases, markSuperseded } from './release-store.js';

export type ReleaseStart =
  | { outcome: 'started' | 'existing'; name: string; superseded: string[] }
  | { outcome: 'gone'; reason: string };

/**
 * A push to a source with waves (issue 21 §2): the branch head becomes a Release in the home
 * cluster, and every unfinished older release of the source is told it was superseded (it stops
 * where it is: no further wave, its holds lifted, nothing aborted). The head is read here, not
 * taken from the push, so redelivered or reordered pushes converge on the newest commit; a commit
 * seen again finds its release by name. `committedAt` is when the release started: GitHub's push
 * carries no commit time to a sync, and the push is seconds after the commit in practice.
 */
export async function startRelease(
  deps: ReleaseStepDeps,
  source: GitSource,
): Promise<ReleaseStart> {
  const repo = { owner: source.owner, repo: source.repo };
  const sha = await (await deps.github(repo)).branchHead(repo, source.branch);
  if (sha === undefined)
    return {
      outcome: 'gone',
      reason: `branch ${source.branch} of ${source.fullName} does not exist`,
    };
  const waves = source.waves ?? [];
  const name = releaseName(source.name, sha);
  const { created } = await createRelease(deps.home, name, {
    source: source.name,
    namespace: source.namespace,
    commit: sha,
    committedAt: isoTime(deps.now()),
    waves,
    onFailure: source.onFailure ?? 'halt',
  });
  // Also when the release existed: a crash between creating it and marking the older ones.
  const superseded: string[] = [];
  for (const older of await listSourceReleases(deps.home, source.namespace, source.name)) {
    if (older.metadata.name === name || older.spec.commit === sha) continue;
    if (older.spec.supersededBy !== undefined || isFinishedRelease(older.status?.phase)) continue;
    await markSuperseded(deps.home, older, sha);
    superseded.push(older.metadata.name);
  }
  if (created) deps.log(`release ${name}: started for ${source.name} @${sha.slice(0, 7)}`);
  return { outcome: created ? 'started' : 'existing', name, superseded };
}
