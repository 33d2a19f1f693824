import type { AnalysisRun } from '../../../domain/index.js';
import { isCompletedAnalysisPhase } from '../../../domain/phase.js';
import { timeOf } from './metric-fields.js';

/**
 * When a completed run may be deleted under `spec.ttlStrategy` (spec §2.1): secondsAfterSuccess
 * for a Successful run, secondsAfterFailure for a Failed one, else secondsAfterCompletion — counted
 * from `status.completedAt`. `undefined` while running, without a TTL, or without completedAt.
 */
export function ttlExpiresAt(run: AnalysisRun): number | undefined {
  const ttl = run.spec.ttlStrategy;
  const phase = run.status?.phase;
  if (ttl === undefined || !isCompletedAnalysisPhase(phase)) return undefined;
  const completedAt = timeOf(run.status?.completedAt);
  if (completedAt === undefined) return undefined;
  let seconds = ttl.secondsAfterCompletion;
  if (phase === 'Successful' && ttl.secondsAfterSuccess !== undefined)
    seconds = ttl.secondsAfterSuccess;
  else if (phase === 'Failed' && ttl.secondsAfterFailure !== undefined)
    seconds = ttl.secondsAfterFailure;
  return seconds === undefined ? undefined : completedAt + seconds * 1000;
}

/** The run is past its TTL and should be deleted. */
export function ttlExpired(run: AnalysisRun, now: number): boolean {
  const at = ttlExpiresAt(run);
  return at !== undefined && now >= at;
}
