/**
 * What is measured of one controller while it alone runs: how long it takes to settle (every
 * Rollout Healthy, its requests and CPU quiet), its steady state over a window (resident memory,
 * CPU seconds and API requests per minute), and image changes (times and requests per step).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeConnection } from '../../functions/node-kube.js';
import { type AuditLogReader, countRequests, type RequestCount } from './audit-log.js';
import type { ControllerUnderTest } from './controllers.js';
import { readCpuSeconds, readResidentMiB } from './proc-stats.js';
import { isSettled, listRollouts, rolloutName, STEPS, timeImageChange } from './workload.js';

export interface Probe {
  kube: KubeConnection;
  /** Without an audit log only CPU and memory are measured (requests come out as NaN). */
  audit?: AuditLogReader;
  /** The controller's user in the audit log. */
  user: string;
  /** Where the Rollouts are. */
  namespace: string;
  controller: ControllerUnderTest;
}

const QUIET_PERIOD_MS = 10_000;
/** Settled: at most this many requests and this much CPU in the last quiet period. */
const QUIET_REQUESTS = 10;
const QUIET_CPU_SECONDS = 1;

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function countSince(p: Probe, from: number, to = Date.now()): Promise<RequestCount> {
  if (!p.audit) return { requests: NaN, writes: NaN, byKind: [] };
  // Events of requests still in flight at `to` are written a little later.
  await sleep(500);
  return countRequests(await p.audit.load(), p.user, from, to);
}

/** Waits until `expected` Rollouts are settled and the controller has gone quiet; returns seconds. */
export async function waitUntilSettled(
  p: Probe,
  expected: number,
  limitMs: number,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const cpu0 = readCpuSeconds(p.controller.pid);
    const t0 = Date.now();
    await sleep(QUIET_PERIOD_MS);
    const cpu = readCpuSeconds(p.controller.pid) - cpu0;
    const { requests } = await countSince(p, t0);
    if (!(requests > QUIET_REQUESTS) && cpu <= QUIET_CPU_SECONDS) {
      const settled = (await listRollouts(p.kube, p.namespace)).filter(isSettled).length;
      if (settled >= expected) return (t0 - started) / 1000;
    }
    if (Date.now() - started > limitMs)
      throw new Error(
        `${p.controller.name} did not settle ${expected} Rollouts in ${limitMs / 1000} s`,
      );
  }
}

export interface SteadyState {
  rssMiB: number;
  cpuSecondsPerMinute: number;
  requestsPerMinute: number;
  writesPerMinute: number;
  byKind: Array<[string, number]>;
}

export async function measureSteadyState(p: Probe, windowMs: number): Promise<SteadyState> {
  const cpu0 = readCpuSeconds(p.controller.pid);
  const from = Date.now();
  await sleep(windowMs);
  const cpu = readCpuSeconds(p.controller.pid) - cpu0;
  const to = Date.now();
  const rssMiB = readResidentMiB(p.controller.pid);
  const count = await countSince(p, from, to);
  const minutes = (to - from) / 60_000;
  return {
    rssMiB,
    cpuSecondsPerMinute: cpu / minutes,
    requestsPerMinute: count.requests / minutes,
    writesPerMinute: count.writes / minutes,
    byKind: count.byKind,
  };
}

export interface ImageChange {
  rollouts: number;
  /** 1 Rollout: medians over the repeats; 100: until the last of them (median over repeats). */
  firstPauseSeconds: number;
  throughSeconds: number;
  requestsPerStep: number;
  writesPerStep: number;
  byKind: Array<[string, number]>;
}

/** `repeats` image changes of the first `rollouts` Rollouts together; `nextImage` names each new image. */
export async function measureImageChange(
  p: Probe,
  rollouts: number,
  repeats: number,
  nextImage: () => string,
): Promise<ImageChange> {
  const names = Array.from({ length: rollouts }, (_, i) => rolloutName(i));
  const firstPause: number[] = [];
  const through: number[] = [];
  const counts: RequestCount[] = [];
  for (let i = 0; i < repeats; i++) {
    const times = await timeImageChange(p.kube, names, nextImage(), 300_000);
    firstPause.push(Math.max(...times.firstPauseMs) / 1000);
    through.push(Math.max(...times.doneMs) / 1000);
    counts.push(await countSince(p, times.windowMs.from, times.windowMs.to));
    await sleep(2000);
  }
  const steps = rollouts * STEPS.length * repeats;
  const byKind = new Map<string, number>();
  for (const c of counts) for (const [k, n] of c.byKind) byKind.set(k, (byKind.get(k) ?? 0) + n);
  return {
    rollouts,
    firstPauseSeconds: median(firstPause),
    throughSeconds: median(through),
    requestsPerStep: counts.reduce((s, c) => s + c.requests, 0) / steps,
    writesPerStep: counts.reduce((s, c) => s + c.writes, 0) / steps,
    byKind: [...byKind].sort((a, b) => b[1] - a[1]),
  };
}
