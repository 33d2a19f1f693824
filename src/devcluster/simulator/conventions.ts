import { isRecord, type KubeObject } from '../api/object-meta.js';

/**
 * How manifests steer the simulated kubelet, so tests and demos can exercise failures.
 * Annotations go on the Pod (or the pod template of a ReplicaSet, Rollout, Job).
 */
export const SIM = {
  /** Seconds from scheduling until the pod is Ready (overrides the cluster-wide POD_READY_SECONDS). */
  readyAfterSeconds: 'devcluster.rollouts.serverless.dev/ready-after-seconds',
  /** "true": the pod runs but its readiness probe never passes. */
  neverReady: 'devcluster.rollouts.serverless.dev/never-ready',
  /** Job pods: the container's exit code (default 0, or what `exit N` in the command says). */
  exitCode: 'devcluster.rollouts.serverless.dev/exit-code',
  /** Job pods: seconds the container runs before exiting (default 1, or what `sleep N` says). */
  runSeconds: 'devcluster.rollouts.serverless.dev/run-seconds',
} as const;

/** Image tags that never pull: the pod stays Pending in ImagePullBackOff (spec's job-provider Inconclusive case). */
const BAD_TAGS = new Set(['bad', 'missing', 'notfound', 'doesnotexist']);

interface Container {
  name?: string;
  image?: string;
  command?: unknown;
  args?: unknown;
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
    if (!image || /\s/.test(image) || /[A-Z]/.test(image.split(':')[0] ?? '')) return 'InvalidImageName';
    if (BAD_TAGS.has(imageTag(image))) return 'ImagePullBackOff';
  }
  return undefined;
}

function annotation(pod: KubeObject, key: string): string | undefined {
  return pod.metadata.annotations?.[key];
}

export function readyDelaySeconds(pod: KubeObject, fallback: number): number {
  const v = Number(annotation(pod, SIM.readyAfterSeconds));
  return Number.isFinite(v) && v >= 0 && annotation(pod, SIM.readyAfterSeconds) !== undefined ? v : fallback;
}

export function neverReady(pod: KubeObject): boolean {
  return annotation(pod, SIM.neverReady) === 'true';
}

function commandText(pod: KubeObject): string {
  return containersOf(pod)
    .flatMap((c) => [...(Array.isArray(c.command) ? c.command : []), ...(Array.isArray(c.args) ? c.args : [])])
    .map(String)
    .join(' ');
}

/**
 * How a run-to-completion container ends: explicit annotations first, then the literal
 * `exit N` / `sleep N` in its command (what the upstream example jobs use). A command whose
 * exit code depends on something we cannot evaluate (`exit $FLIP`) exits 0.
 */
export function plannedExit(pod: KubeObject): { exitCode: number; runSeconds: number } {
  const text = commandText(pod);
  const exitMatch = /\bexit\s+(\d+)\b/.exec(text);
  const sleepMatch = /\bsleep\s+(\d+(?:\.\d+)?)\b/.exec(text);
  const code = annotation(pod, SIM.exitCode) ?? exitMatch?.[1];
  const run = annotation(pod, SIM.runSeconds) ?? sleepMatch?.[1];
  return {
    exitCode: code !== undefined && Number.isFinite(Number(code)) ? Number(code) : 0,
    runSeconds: run !== undefined && Number.isFinite(Number(run)) ? Number(run) : 1,
  };
}
