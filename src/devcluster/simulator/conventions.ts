import { isRecord, type KubeObject } from '../api/object-meta.js';
import { randomSeedOf, simulateContainer } from './container-script.js';
import type { ScriptOutcome } from './shell/run-script.js';

/**
 * How manifests steer the simulated kubelet, so tests and demos can exercise failures.
 * Annotations go on the Pod (or the pod template of a ReplicaSet, Rollout, Job).
 */
export const SIM = {
  /** Seconds from scheduling until the pod is Ready (overrides the cluster-wide POD_READY_SECONDS). */
  readyAfterSeconds: 'devcluster.rollouts.serverless.dev/ready-after-seconds',
  /** "true": the pod runs but its readiness probe never passes. */
  neverReady: 'devcluster.rollouts.serverless.dev/never-ready',
  /** Job pods: the container's exit code (default: what its command does; see plannedExit). */
  exitCode: 'devcluster.rollouts.serverless.dev/exit-code',
  /** Job pods: seconds the container runs before exiting (default: its `sleep`s, or 1). */
  runSeconds: 'devcluster.rollouts.serverless.dev/run-seconds',
} as const;

/** Image tags that never pull: the pod stays Pending in ImagePullBackOff (spec's job-provider Inconclusive case). */
const BAD_TAGS = new Set(['bad', 'missing', 'notfound', 'doesnotexist']);

interface Container {
  name?: string;
  image?: string;
  command?: unknown;
  args?: unknown;
  env?: unknown;
}

export function containersOf(pod: KubeObject): Container[] {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  return Array.isArray(spec.containers) ? (spec.containers as Container[]) : [];
}

export function imageTag(image: string): string {
  const last = image.slice(image.lastIndexOf('/') + 1);
  if (last.includes('@')) return '';
  const colon = last.lastIndexOf(':');
  return colon >= 0 ? last.slice(colon + 1) : 'latest';
}

export type PullProblem = 'ImagePullBackOff' | 'InvalidImageName' | undefined;

export function pullProblem(pod: KubeObject): PullProblem {
  for (const c of containersOf(pod)) {
    const image = c.image ?? '';
    if (!image || /\s/.test(image) || /[A-Z]/.test(image.split(':')[0] ?? ''))
      return 'InvalidImageName';
    if (BAD_TAGS.has(imageTag(image))) return 'ImagePullBackOff';
  }
  return undefined;
}

function annotation(pod: KubeObject, key: string): string | undefined {
  return pod.metadata.annotations?.[key];
}

export function readyDelaySeconds(pod: KubeObject, fallback: number): number {
  const v = Number(annotation(pod, SIM.readyAfterSeconds));
  return Number.isFinite(v) && v >= 0 && annotation(pod, SIM.readyAfterSeconds) !== undefined
    ? v
    : fallback;
}

export function neverReady(pod: KubeObject): boolean {
  return annotation(pod, SIM.neverReady) === 'true';
}

function commandText(pod: KubeObject): string {
  return containersOf(pod)
    .flatMap((c) => [
      ...(Array.isArray(c.command) ? c.command : []),
      ...(Array.isArray(c.args) ? c.args : []),
    ])
    .map(String)
    .join(' ');
}

/** Seconds a container runs when nothing says otherwise. */
const DEFAULT_RUN_SECONDS = 1;

/**
 * How a run-to-completion pod ends: explicit annotations first; then what its containers' commands
 * do when the shell interpreter can decide it (`sh -c 'exit $(( … ))'`, `test …`, `sleep N`: see
 * container-script.ts; `$RANDOM` seeded by the Job's name, `date +%s` the simulated clock from
 * `startedAt`); else the literal `exit N` / `sleep N` in the command text (defaults 0 and 1 s).
 * The pod fails with the first container's non-zero code and runs as long as its longest one.
 */
export function plannedExit(
  pod: KubeObject,
  startedAt: number,
): { exitCode: number; runSeconds: number } {
  const conventional = conventionalExit(pod);
  const seed = randomSeedOf(pod);
  const outcomes = containersOf(pod).map((c) => simulateContainer(c, pod, startedAt, seed));
  const decided =
    outcomes.length > 0 && outcomes.every((o) => o.decided)
      ? (outcomes as Array<Extract<ScriptOutcome, { decided: true }>>)
      : undefined;
  const simulated = decided && {
    exitCode: decided.find((o) => o.exitCode !== 0)?.exitCode ?? 0,
    runSeconds: Math.max(...decided.map((o) => o.runSeconds)) || DEFAULT_RUN_SECONDS,
  };
  const code = annotation(pod, SIM.exitCode);
  const run = annotation(pod, SIM.runSeconds);
  return {
    exitCode:
      code !== undefined && Number.isFinite(Number(code))
        ? Number(code)
        : (simulated || conventional).exitCode,
    runSeconds:
      run !== undefined && Number.isFinite(Number(run))
        ? Number(run)
        : (simulated || conventional).runSeconds,
  };
}

/** The command-text convention for scripts the interpreter cannot decide (`exit $(curl …)` exits 0). */
function conventionalExit(pod: KubeObject): { exitCode: number; runSeconds: number } {
  const text = commandText(pod);
  const exitMatch = /\bexit\s+(\d+)\b/.exec(text);
  const sleepMatch = /\bsleep\s+(\d+(?:\.\d+)?)\b/.exec(text);
  return {
    exitCode: exitMatch?.[1] !== undefined ? Number(exitMatch[1]) : 0,
    runSeconds: sleepMatch?.[1] !== undefined ? Number(sleepMatch[1]) : DEFAULT_RUN_SECONDS,
  };
}
