import { isoTime } from '../../domain/time.js';
import { isRecord, type KubeObject } from '../api/object-meta.js';
import {
  containersOf,
  neverReady,
  plannedExit,
  pullProblem,
  readyDelaySeconds,
} from './conventions.js';
import { KeyedTimers } from './keyed-timers.js';
import { podPhase } from './pod-status.js';
import { keyOf, type SimContext, splitKey } from './sim-context.js';
import { WorkQueue } from './work-queue.js';

const NODE = 'devcluster';
const HOST_IP = '10.0.0.10';
const TERMINAL = new Set(['Succeeded', 'Failed']);

interface PodStatus {
  phase?: string;
  startTime?: string;
  podIP?: string;
  conditions?: Array<{
    type: string;
    status: string;
    lastTransitionTime?: string;
    reason?: string;
  }>;
  [key: string]: unknown;
}

/**
 * A simulated kubelet and scheduler: binds pods to the one node, then walks them through
 * Pending → Running → Ready after the configured delay, keeps bad images in ImagePullBackOff,
 * and runs restartPolicy Never/OnFailure pods to completion with their planned exit code.
 */
export class Kubelet {
  readonly queue: WorkQueue;
  private readonly timers: KeyedTimers;
  private nextIp = 2;

  constructor(private readonly sim: SimContext) {
    this.queue = new WorkQueue((key) => this.sync(key), sim.opts.report);
    this.timers = new KeyedTimers(sim.api.clock);
  }

  onPod(pod: KubeObject): void {
    this.queue.add(keyOf(pod));
  }

  stop(): void {
    this.queue.stop();
    this.timers.stop();
  }

  private wakeAt(key: string, atMs: number): void {
    this.timers.wakeAt(key, atMs, () => this.queue.add(key));
  }

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const def = this.sim.pods;
    const pod = this.sim.api.tryGet(def, ns, name);
    if (!pod || pod.metadata.deletionTimestamp || TERMINAL.has(podPhase(pod))) {
      this.timers.cancel(key);
      return;
    }
    const spec = isRecord(pod.spec) ? pod.spec : {};
    const now = this.sim.now();
    const status = (isRecord(pod.status) ? pod.status : {}) as PodStatus;
    if (!spec.nodeName) {
      this.sim.api.update(def, ns, name, { ...pod, spec: { ...spec, nodeName: NODE } });
      return;
    }
    const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
    if (!scheduled) {
      this.sim.writeStatus(def, pod, this.pendingStatus(pod, now));
      return;
    }
    const problem = pullProblem(pod);
    if (problem) {
      this.sim.writeStatus(
        def,
        pod,
        this.pendingStatus(pod, Date.parse(scheduled.lastTransitionTime ?? '') || now, problem),
      );
      return;
    }
    const scheduledAt = Date.parse(scheduled.lastTransitionTime ?? '') || now;
    const runAt = scheduledAt + readyDelaySeconds(pod, this.sim.opts.podReadySeconds) * 1000;
    if (now < runAt) return this.wakeAt(key, runAt);
    if (status.phase !== 'Running') {
      this.sim.writeStatus(def, pod, this.runningStatus(pod, now, status));
      return;
    }
    if (spec.restartPolicy !== 'Always') {
      const started = Date.parse(status.startTime ?? '') || now;
      const { exitCode, runSeconds } = plannedExit(pod, started);
      const endAt = started + runSeconds * 1000;
      if (now < endAt) return this.wakeAt(key, endAt);
      this.sim.writeStatus(def, pod, this.terminatedStatus(pod, now, status, exitCode));
    }
  }

  private condition(type: string, state: boolean, now: number, reason?: string) {
    return {
      type,
      status: state ? 'True' : 'False',
      lastProbeTime: null,
      lastTransitionTime: isoTime(now),
      ...(reason ? { reason } : {}),
    };
  }

  private pendingStatus(pod: KubeObject, scheduledAt: number, problem?: string): PodStatus {
    const waiting = problem
      ? {
          reason: problem,
          message:
            problem === 'ImagePullBackOff'
              ? 'Back-off pulling image'
              : 'the image name is not valid',
        }
      : { reason: 'ContainerCreating' };
    return {
      phase: 'Pending',
      qosClass: 'BestEffort',
      hostIP: HOST_IP,
      conditions: [
        this.condition('PodScheduled', true, scheduledAt),
        this.condition('Ready', false, scheduledAt, 'ContainersNotReady'),
      ],
      containerStatuses: containersOf(pod).map((c) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        ready: false,
        restartCount: 0,
        started: false,
        state: { waiting },
      })),
      startTime: isoTime(scheduledAt),
    };
  }

  private runningStatus(pod: KubeObject, now: number, prev: PodStatus): PodStatus {
    const ready = !neverReady(pod);
    const scheduled = prev.conditions?.find((c) => c.type === 'PodScheduled');
    return {
      ...prev,
      phase: 'Running',
      podIP: prev.podIP ?? `10.244.${Math.floor(this.nextIp / 250)}.${(this.nextIp++ % 250) + 1}`,
      startTime: isoTime(now),
      conditions: [
        this.condition('Initialized', true, now),
        this.condition('Ready', ready, now, ready ? undefined : 'ContainersNotReady'),
        this.condition('ContainersReady', ready, now, ready ? undefined : 'ContainersNotReady'),
        scheduled ?? this.condition('PodScheduled', true, now),
      ],
      containerStatuses: containersOf(pod).map((c) => ({
        name: c.name,
        image: c.image,
        imageID: `docker.io/${c.image ?? ''}@sha256:devcluster`,
        containerID: `containerd://${(pod.metadata.uid ?? '').replace(/-/g, '')}`,
        ready,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: isoTime(now) } },
      })),
    };
  }

  private terminatedStatus(
    pod: KubeObject,
    now: number,
    prev: PodStatus,
    exitCode: number,
  ): PodStatus {
    const ok = exitCode === 0;
    return {
      ...prev,
      phase: ok ? 'Succeeded' : 'Failed',
      conditions: (prev.conditions ?? []).map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady'
          ? this.condition(c.type, false, now, 'PodCompleted')
          : c,
      ),
      containerStatuses: containersOf(pod).map((c) => ({
        name: c.name,
        image: c.image,
        imageID: `docker.io/${c.image ?? ''}@sha256:devcluster`,
        ready: false,
        restartCount: 0,
        started: false,
        state: {
          terminated: {
            exitCode,
            reason: ok ? 'Completed' : 'Error',
            startedAt: prev.startTime,
            finishedAt: isoTime(now),
          },
        },
      })),
    };
  }
}
