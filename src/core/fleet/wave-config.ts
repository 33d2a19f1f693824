import type { FleetConfig, OnFailure, Wave } from '../../domain/fleet.js';
import { eachObjectAt, namesAt, secondsAt } from './config-fields.js';

/**
 * The waves of a GitOps source (issue 21 §1), read by core/gitops/config.ts inside each source:
 *
 * ```yaml
 * waves:
 *   - clusters: [staging]
 *   - clusters: [prod-eu]
 *     soak: 30m                        # Healthy this long before the next wave; default 0
 *   - clusters: [prod-us, prod-ap]
 *     lockstep: true                   # advance past each pause together
 * onFailure: halt                      # halt | abortAll; default halt
 * ```
 *
 * Whether each cluster is one of the fleet's is checked once both are parsed ({@link findWaveProblems}).
 */
export interface SourceWaves {
  waves?: Wave[];
  onFailure?: OnFailure;
}

const WAVE = ['clusters', 'soak', 'lockstep'];

export function parseSourceWaves(
  source: Record<string, unknown>,
  at: string,
  problems: string[],
): SourceWaves {
  if (source.waves === undefined) {
    if (source.onFailure !== undefined) problems.push(`${at}.onFailure needs waves`);
    return {};
  }
  const onFailure = source.onFailure ?? 'halt';
  if (onFailure !== 'halt' && onFailure !== 'abortAll')
    problems.push(`${at}.onFailure must be halt or abortAll`);
  if (Array.isArray(source.waves) && source.waves.length === 0)
    problems.push(`${at}.waves must list at least one wave`);
  const seen = new Set<string>();
  const waves = eachObjectAt(source.waves, `${at}.waves`, WAVE, problems, (w, here) => {
    const empty = Array.isArray(w.clusters) && w.clusters.length === 0;
    if (empty) problems.push(`${here}.clusters is empty: a wave names at least one cluster`);
    if (w.clusters === undefined) problems.push(`${here}.clusters is required`);
    const clusters = empty ? undefined : namesAt(w.clusters, `${here}.clusters`, problems);
    for (const c of clusters ?? []) {
      if (seen.has(c))
        problems.push(`${here}.clusters: "${c}" is named twice in this source's waves`);
      seen.add(c);
    }
    const soakSeconds =
      w.soak === undefined ? 0 : secondsAt(w.soak, `${here}.soak`, problems, false);
    if (w.lockstep !== undefined && typeof w.lockstep !== 'boolean')
      problems.push(`${here}.lockstep must be true or false`);
    if (!clusters || soakSeconds === undefined) return undefined;
    return { clusters, soakSeconds, lockstep: w.lockstep === true };
  });
  return { waves, onFailure: onFailure as OnFailure };
}

/** Sources' waves against the fleet: every cluster named must be one of its clusters. */
export function findWaveProblems(
  sources: readonly ({ name: string } & SourceWaves)[],
  fleet: FleetConfig | undefined,
): string[] {
  const known = new Set(fleet?.clusters.map((c) => c.name));
  const problems: string[] = [];
  for (const s of sources) {
    if (!s.waves) continue;
    if (!fleet) {
      problems.push(`source "${s.name}" has waves but no fleet is configured`);
      continue;
    }
    for (const [i, w] of s.waves.entries())
      for (const c of w.clusters)
        if (!known.has(c))
          problems.push(`source "${s.name}" waves[${i}]: "${c}" is not a cluster of the fleet`);
  }
  return problems;
}
