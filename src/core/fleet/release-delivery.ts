import type { ReleaseSpec, ReleaseStatus } from '../../domain/fleet.js';
import { isoTime } from '../../domain/time.js';

/**
 * A cluster refused the commit (its manifests do not parse, resolve or pass the API server's dry
 * run): nothing was applied there, and no wave can ever be healthy on it, so the release fails
 * there, as an abort would fail it. The sync already said why on the commit (its own status).
 */
export function failDelivery(
  spec: ReleaseSpec,
  status: ReleaseStatus,
  cluster: string,
  problems: readonly string[],
  now: number,
): void {
  if (status.phase === 'Failed') return;
  for (const wave of status.waves)
    for (const c of wave.clusters) if (c.name === cluster) c.state = 'failed';
  const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
  status.phase = 'Failed';
  status.failure = {
    cluster,
    namespace: spec.namespace,
    name: spec.source,
    reason: `the commit was not applied: ${problems[0] ?? 'refused'}${more}`,
    at: isoTime(now),
  };
  status.finishedAt = isoTime(now);
  delete status.heldBy;
}
