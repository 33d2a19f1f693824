import { isoTime } from '../../domain/time.js';
import { isRecord, jsonEqual, type KubeObject } from '../api/object-meta.js';
import { podPhase } from './pod-status.js';
import { KeyedTimers } from './keyed-timers.js';
import { createOwnedPod } from './owned-pods.js';
import { keyOf, type SimContext, splitKey } from './sim-context.js';
import { WorkQueue } from './work-queue.js';

type Json = Record<string, unknown>;

interface JobCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
}

/**
 * The Job controller for non-indexed jobs: runs pods until `completions` succeed, retries
 * failures up to `backoffLimit`, and fails the job past `activeDeadlineSeconds`. Status carries
 * active/succeeded/failed, start/completion times and Complete/Failed conditions.
 */
export class JobController {
  readonly queue: WorkQueue;
  private readonly timers: KeyedTimers;

  constructor(private readonly sim: SimContext) {
    this.queue = new WorkQueue((key) => this.sync(key), sim.opts.report);
    this.timers = new KeyedTimers(sim.api.clock);
  }

  private get def() {
    return this.sim.def('batch', 'v1', 'jobs');
  }

  onJob(job: KubeObject): void {
    this.queue.add(keyOf(job));
  }

  onPod(pod: KubeObject): void {
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Job');
    if (owner) this.queue.add(`${pod.metadata.namespace ?? ''}/${owner.name}`);
  }

  stop(): void {
    this.queue.stop();
    this.timers.stop();
  }

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const job = this.sim.api.tryGet(this.def, ns, name);
    if (!job || job.metadata.deletionTimestamp) return;
    const spec = (isRecord(job.spec) ? job.spec : {}) as Json;
    const prev = (isRecord(job.status) ? job.status : {}) as Json;
    const conditions = (Array.isArray(prev.conditions) ? prev.conditions : []) as JobCondition[];
    if (
      conditions.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')
    )
      return;
    const now = this.sim.now();
    const podsDef = this.sim.pods;
    const pods = this.sim.controlledBy(podsDef, job).filter((p) => !p.metadata.deletionTimestamp);
    const active = pods.filter((p) => !['Succeeded', 'Failed'].includes(podPhase(p)));
    const succeeded = pods.filter((p) => podPhase(p) === 'Succeeded').length;
    const failed = pods.filter((p) => podPhase(p) === 'Failed').length;
    const completions = Number(spec.completions ?? 1);
    const backoffLimit = Number(spec.backoffLimit ?? 6);
    const startTime = typeof prev.startTime === 'string' ? prev.startTime : isoTime(now);
    const deadline =
      typeof spec.activeDeadlineSeconds === 'number'
        ? Date.parse(startTime) + spec.activeDeadlineSeconds * 1000
        : undefined;

    let finished: JobCondition | undefined;
    if (succeeded >= completions) finished = { type: 'Complete', status: 'True' };
    else if (failed > backoffLimit)
      finished = {
        type: 'Failed',
        status: 'True',
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
      };
    else if (deadline !== undefined && now >= deadline)
      finished = {
        type: 'Failed',
        status: 'True',
        reason: 'DeadlineExceeded',
        message: 'Job was active longer than specified deadline',
      };

    if (finished) {
      for (const p of active) this.sim.api.delete(podsDef, ns, p.metadata.name ?? '');
    } else if (active.length === 0 && spec.suspend !== true) {
      createOwnedPod(this.sim, job, 'batch/v1', 'Job');
    }
    if (!finished && deadline !== undefined) {
      this.timers.wakeAt(key, deadline, () => this.queue.add(key));
    }
    const stamp = isoTime(now);
    const status: Json = {
      startTime,
      ...(finished ? {} : { active: active.length || 1 }),
      ...(succeeded ? { succeeded } : {}),
      ...(failed ? { failed } : {}),
      ...(finished?.type === 'Complete' ? { completionTime: stamp } : {}),
      ...(finished
        ? { conditions: [{ ...finished, lastProbeTime: stamp, lastTransitionTime: stamp }] }
        : {}),
      ready: 0,
      uncountedTerminatedPods: {},
    };
    if (!finished && active.length === 0 && spec.suspend === true) delete status.active;
    if (!jsonEqual({ ...prev }, status)) this.sim.writeStatus(this.def, job, status);
  }
}
