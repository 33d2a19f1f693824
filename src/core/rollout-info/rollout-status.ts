import type { Rollout } from '../../domain/index.js';
import { computePhase } from '../rollout/phase.js';

/**
 * `status.observedGeneration` caught up with `metadata.generation` (spec §1.9: clients ignore the
 * phase until it has). As upstream reads it, anything but a number (absent, or a pre-1.0 hash)
 * counts as observed, and so does a number above the generation.
 */
export function isGenerationObserved(rollout: Rollout): boolean {
  const observed = rollout.status?.observedGeneration;
  if (observed === undefined || !/^[0-9]+$/.test(observed)) return true;
  return Number(observed) >= (rollout.metadata.generation ?? 0);
}

/** A promote was written (no pause condition left) and the controller has not resumed yet. */
export function isUnpausing(rollout: Rollout): boolean {
  return (
    rollout.status?.controllerPause === true && (rollout.status.pauseConditions ?? []).length === 0
  );
}

/**
 * Status and message as a client reads them (spec §1.9): "waiting for rollout spec update to be
 * observed" until the controller has seen the generation, "waiting for rollout to unpause" between
 * a promote and its effect, then the controller's `status.phase`/`message`; a status without a
 * phase (an old controller) gets the phase computed here.
 */
export function assessRolloutStatus(rollout: Rollout): { status: string; message: string } {
  if (!isGenerationObserved(rollout))
    return { status: 'Progressing', message: 'waiting for rollout spec update to be observed' };
  if (isUnpausing(rollout))
    return { status: 'Progressing', message: 'waiting for rollout to unpause' };
  const status = rollout.status ?? {};
  if (status.phase) return { status: status.phase, message: status.message ?? '' };
  const computed = computePhase(rollout, status);
  return { status: computed.phase, message: computed.message };
}
