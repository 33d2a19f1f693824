import type { Experiment, ExperimentStatus } from '../../domain/experiment.js';
import { parseDurationSeconds } from '../../domain/go-duration.js';

/** `spec.duration` in ms (spec §3: an int or numeric string is seconds, else a Go duration); none ⇒ indefinite. */
export function parseExperimentDuration(ex: Experiment): { ms?: number } | { error: string } {
  const d = ex.spec.duration;
  if (d === undefined || d === '') return {};
  const seconds = parseDurationSeconds(d);
  if (seconds === undefined || seconds < 0)
    return { error: `Invalid duration: ${JSON.stringify(d)}` };
  return { ms: seconds * 1000 };
}

/** When the duration runs out (`availableAt + duration`), or undefined while indefinite or not yet available. */
export function durationEndsAt(ex: Experiment, status: ExperimentStatus): number | undefined {
  const parsed = parseExperimentDuration(ex);
  if (!('ms' in parsed) || parsed.ms === undefined || !status.availableAt) return undefined;
  return Date.parse(status.availableAt) + parsed.ms;
}

/** Whether the experiment ran for its whole duration by `now` (upstream's "passed durations"). */
export function passedDuration(ex: Experiment, status: ExperimentStatus, now: number): boolean {
  const end = durationEndsAt(ex, status);
  return end !== undefined && now >= end;
}
