import { truncate } from '../gitops/plan-report.js';
import type { ReleaseReport } from './release-actions.js';

/** One GitHub commit status (a wave's), as posted. */
export interface WaveCommitStatus {
  context: string;
  state: 'pending' | 'success' | 'failure' | 'error';
  /** At most 140 characters (GitHub's limit). */
  description: string;
}

/** The commit-status context of a release's wave: `release/<source>/wave-<n>`, waves from 1. */
export function waveContext(source: string, index: number): string {
  return `release/${source}/wave-${index + 1}`;
}

/**
 * What GitHub shows of a release (issue 21 §6): one commit status per wave, saying where it stands
 * and, once the release failed, where and why; waves that will never get the commit say so.
 */
export function planWaveStatuses(report: ReleaseReport): WaveCommitStatus[] {
  const { failure, heldBy } = report;
  return report.waves.map((wave) => {
    const where = wave.clusters.map((c) => `${c.name} ${c.state}`).join(', ');
    const context = waveContext(report.source, wave.index);
    const said = (state: WaveCommitStatus['state'], text: string): WaveCommitStatus => ({
      context,
      state,
      description: truncate(text),
    });
    if (wave.state === 'failed' && failure)
      return said(
        'failure',
        `${failure.cluster}: ${failure.namespace}/${failure.name}: ${failure.reason}`,
      );
    if (wave.state === 'failed') return said('failure', where);
    if (wave.state === 'passed') return said('success', `healthy: ${where}`);
    if (report.phase === 'Failed' && failure)
      return said('error', `not delivered: the release failed in ${failure.cluster}`);
    if (report.phase === 'Superseded')
      return said('error', 'not delivered: a newer commit superseded this release');
    const held = heldBy
      ? `; held (${heldBy.kind}: ${heldBy.reason}${heldBy.until ? ` until ${heldBy.until}` : ''})`
      : '';
    if (wave.state === 'soaking')
      return said('pending', `healthy; soaking until ${wave.soakUntil ?? '?'}${held}`);
    if (wave.state === 'progressing') return said('pending', `${where}${held}`);
    return said('pending', `waiting for the waves before it${held}`);
  });
}
