/**
 * The benchmark's Rollouts: one kwok pod each, a 4-step canary (25 %, a 1 s pause, 75 %, a 1 s
 * pause), created through the API with bounded concurrency, and the image change timed from the
 * patch until each Rollout reaches its first pause and until it is Healthy on the new revision.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeConnection } from '../../functions/node-kube.js';

export const NAMESPACE = 'bench';
export const STEPS = [
  { setWeight: 25 },
  { pause: { duration: '1s' } },
  { setWeight: 75 },
  { pause: { duration: '1s' } },
];
const rolloutsPath = (namespace: string) =>
  `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/rollouts`;
const ROLLOUTS = rolloutsPath(NAMESPACE);

export const rolloutName = (i: number): string => `r-${String(i).padStart(5, '0')}`;

export function buildRollout(name: string, image: string): object {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image }] },
      },
      strategy: { canary: { steps: STEPS } },
    },
  };
}

async function send(kube: KubeConnection, path: string, init: RequestInit): Promise<unknown> {
  const res = await kube.fetch(path, init);
  const text = await res.text();
  if (!res.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

export async function createNamespace(kube: KubeConnection): Promise<void> {
  await send(kube, '/api/v1/namespaces', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ metadata: { name: NAMESPACE } }),
  });
}

/** Runs `task(i)` for each i in [from, to), at most `concurrency` at a time. */
export async function forEachLimited(
  from: number,
  to: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, to - from) }, worker));
}

export async function createRollouts(
  kube: KubeConnection,
  from: number,
  to: number,
  image: string,
  namespace = NAMESPACE,
): Promise<void> {
  await forEachLimited(from, to, 16, (i) =>
    send(kube, rolloutsPath(namespace), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(buildRollout(rolloutName(i), image)),
    }),
  );
}

export interface RolloutView {
  metadata: { name: string; generation?: number };
  spec: { template: { spec: { containers: Array<{ image: string }> } } };
  status?: {
    phase?: string;
    observedGeneration?: string | number;
    currentStepIndex?: number;
    pauseConditions?: unknown[];
    stableRS?: string;
    currentPodHash?: string;
  };
}

export async function listRollouts(
  kube: KubeConnection,
  namespace = NAMESPACE,
): Promise<RolloutView[]> {
  return ((await send(kube, rolloutsPath(namespace), {})) as { items: RolloutView[] }).items;
}

/** Healthy on its current spec: observed, every step done, the stable revision the current one. */
export function isSettled(r: RolloutView): boolean {
  const s = r.status;
  return (
    s?.phase === 'Healthy' &&
    String(s.observedGeneration) === String(r.metadata.generation) &&
    s.stableRS !== undefined &&
    s.stableRS === s.currentPodHash
  );
}

/** At the first pause step, or past it, on `image`. */
export function hasReachedFirstPause(r: RolloutView, image: string): boolean {
  const s = r.status;
  if (r.spec.template.spec.containers[0]?.image !== image || !s) return false;
  if (String(s.observedGeneration) !== String(r.metadata.generation)) return false;
  const step = s.currentStepIndex ?? 0;
  return step > 1 || (step === 1 && (s.pauseConditions?.length ?? 0) > 0) || isSettled(r);
}

export interface ImageChangeTimes {
  /** Per Rollout, ms from its patch to its first pause and to Healthy on the new image. */
  firstPauseMs: number[];
  doneMs: number[];
  /** From the first patch sent until the last Rollout is done. */
  windowMs: { from: number; to: number };
}

/** Changes the image of `names` together (all patches sent at once) and times each Rollout. */
export async function timeImageChange(
  kube: KubeConnection,
  names: string[],
  image: string,
  timeoutMs: number,
): Promise<ImageChangeTimes> {
  const sentAt = new Map<string, number>();
  const from = Date.now();
  await Promise.all(
    names.map(async (name) => {
      sentAt.set(name, Date.now());
      await send(kube, `${ROLLOUTS}/${name}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({
          spec: { template: { spec: { containers: [{ name: 'web', image }] } } },
        }),
      });
    }),
  );
  const paused = new Map<string, number>();
  const done = new Map<string, number>();
  const wanted = new Set(names);
  while (done.size < names.length) {
    if (Date.now() - from > timeoutMs)
      throw new Error(
        `image change: ${done.size}/${names.length} Rollouts done after ${timeoutMs} ms`,
      );
    await sleep(100);
    const now = Date.now();
    for (const r of await listRollouts(kube)) {
      const name = r.metadata.name;
      if (!wanted.has(name) || done.has(name)) continue;
      const started = sentAt.get(name) ?? from;
      if (!paused.has(name) && hasReachedFirstPause(r, image)) paused.set(name, now - started);
      if (paused.has(name) && isSettled(r)) done.set(name, now - started);
    }
  }
  return {
    firstPauseMs: [...paused.values()],
    doneMs: [...done.values()],
    windowMs: { from, to: Date.now() },
  };
}
