import type { ReleaseHold, StopSwitch, WindowConfig } from '../../domain/fleet.js';
import { isoTimeCeil } from '../../domain/time.js';
import { assessWindow, type WindowTarget } from './windows.js';

/** A closed gate for one cluster and namespace, with when to look again (absent: when cleared). */
export interface Gate {
  hold: ReleaseHold;
  untilMs?: number;
}

/** Whether a stop switch covers the cluster and namespace (issue 21 §5). */
export function isStopped(stop: StopSwitch, target: WindowTarget): boolean {
  switch (stop.scope) {
    case 'fleet':
      return true;
    case 'cluster':
      return stop.cluster === target.cluster;
    case 'namespace':
      return (
        stop.namespace === target.namespace &&
        (stop.cluster === undefined || stop.cluster === target.cluster)
      );
  }
}

/**
 * What keeps releases from moving in the cluster and namespace now: a stop switch first (it has
 * no end of its own), then a freeze or a window. Undefined when the gate is open.
 */
export function assessGate(
  stops: readonly StopSwitch[],
  windows: WindowConfig,
  target: WindowTarget,
  now: number,
): Gate | undefined {
  const stop = stops.find((s) => isStopped(s, target));
  if (stop)
    return {
      hold: { kind: 'stop', reason: `stopped by ${stop.by} at ${stop.at}: ${stop.reason}` },
    };
  const window = assessWindow(windows, target, now);
  if (window.open) return undefined;
  return {
    hold: { kind: window.kind, reason: window.reason, until: isoTimeCeil(window.until) },
    untilMs: window.until,
  };
}
