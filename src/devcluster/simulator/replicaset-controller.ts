import { isRecord, jsonEqual, type KubeObject } from '../api/object-meta.js';
import { isoTime } from '../../domain/time.js';
import type { LabelSelector } from '../selectors/index.js';
import { KeyedTimers } from './keyed-timers.js';
import { createOwnedPod, ownerRef, templateOf } from './owned-pods.js';
import { podConcerns, selectorOf, selectPods } from './pod-selection.js';
import { isPodAvailable, isPodReady, podPhase } from './pod-status.js';
import { keyOf, type SimContext, splitKey } from './sim-context.js';
import { WorkQueue } from './work-queue.js';

type Json = Record<string, unknown>;

/** The ReplicaSet controller's burstReplicas. */
const BURST = 500;

function isActive(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return !pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

/** Which pods go first when scaling down, as the ReplicaSet controller ranks them. */
function deletionRank(pod: KubeObject): number {
  const spec = isRecord(pod.spec) ? pod.spec : {};
  if (!spec.nodeName) return 0;
  if (podPhase(pod) === 'Pending') return 1;
  if (!isPodReady(pod)) return 2;
  return 3;
}

/**
 * The ReplicaSet controller: keeps `spec.replicas` pods (created from the template, owned by the
 * ReplicaSet), adopts matching orphans, and reports replicas / fullyLabeled / ready / available
 * (ready for minReadySeconds) and observedGeneration.
 */
export class ReplicaSetController {
  readonly queue: WorkQueue;
  private readonly timers: KeyedTimers;
  /** ReplicaSets left short of pods by the pod limit: synced again when a pod goes away. */
  private readonly starved = new Set<string>();

  constructor(private readonly sim: SimContext) {
    this.queue = new WorkQueue((key) => this.sync(key), sim.opts.report);
    this.timers = new KeyedTimers(sim.api.clock);
  }

  private get def() {
    return this.sim.def('apps', 'v1', 'replicasets');
  }

  onReplicaSet(rs: KubeObject): void {
    this.queue.add(keyOf(rs));
  }

  onPod(pod: KubeObject, previous?: KubeObject): void {
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (owner?.kind === 'ReplicaSet')
      this.queue.add(`${pod.metadata.namespace ?? ''}/${owner.name}`);
    if (owner) return;
    // An orphan wakes only the ReplicaSets that could adopt it.
    for (const rs of this.sim.api.store.list('apps/replicasets', pod.metadata.namespace)) {
      if (podConcerns(selectorOf((rs.spec as Json | undefined)?.selector), pod, previous))
        this.queue.add(keyOf(rs));
    }
  }

  /**
   * A pod was removed, so the pod limit has room again. The real controller retries a failed
   * creation with backoff; here the retry waits for this event instead, so nothing polls.
   */
  onPodRemoved(): void {
    for (const key of this.starved) this.queue.add(key);
    this.starved.clear();
  }

  stop(): void {
    this.queue.stop();
    this.timers.stop();
  }

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const rs = this.sim.api.tryGet(this.def, ns, name);
    if (!rs || rs.metadata.deletionTimestamp) return;
    const spec = (isRecord(rs.spec) ? rs.spec : {}) as Json;
    const selector = selectorOf(spec.selector);
    const podsDef = this.sim.pods;
    if (selector) this.adoptOrphans(rs, selector);
    let pods = this.sim.controlledBy(podsDef, rs).filter(isActive);
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    // Like the real controller, at most BURST pod creations or deletions per sync; the rest next time.
    const diff = Math.min(Math.abs(desired - pods.length), BURST);
    let failure: string | undefined;
    if (pods.length < desired) {
      const room = this.sim.opts.maxPods - this.sim.api.store.count('/pods');
      if (room < diff)
        failure = `pods "${name}-" is forbidden: the devcluster holds at most ${this.sim.opts.maxPods} pods`;
      for (let i = 0; i < Math.min(diff, room); i++)
        createOwnedPod(this.sim, rs, 'apps/v1', 'ReplicaSet');
    } else if (pods.length > desired) {
      const doomed = [...pods]
        .sort(
          (a, b) =>
            deletionRank(a) - deletionRank(b) ||
            String(b.metadata.creationTimestamp).localeCompare(
              String(a.metadata.creationTimestamp),
            ),
        )
        .slice(0, diff);
      for (const pod of doomed) this.sim.api.delete(podsDef, ns, pod.metadata.name ?? '');
    }
    if (failure) this.starved.add(key);
    else this.starved.delete(key);
    if (!failure && Math.abs(desired - pods.length) > BURST) this.queue.add(key);
    pods = this.sim.controlledBy(podsDef, rs).filter(isActive);
    this.writeStatus(
      rs,
      pods,
      templateOf(rs).metadata.labels as Record<string, string> | undefined,
      Number(spec.minReadySeconds ?? 0),
      failure,
    );
  }

  private adoptOrphans(rs: KubeObject, selector: LabelSelector): void {
    const podsDef = this.sim.pods;
    for (const pod of selectPods(this.sim.api.store, rs.metadata.namespace, selector)) {
      if (pod.metadata.ownerReferences?.some((r) => r.controller)) continue;
      this.sim.api.update(podsDef, pod.metadata.namespace, pod.metadata.name ?? '', {
        ...pod,
        metadata: {
          ...pod.metadata,
          ownerReferences: [
            ...(pod.metadata.ownerReferences ?? []),
            ownerRef(rs, 'apps/v1', 'ReplicaSet'),
          ],
        },
      });
    }
  }

  private writeStatus(
    rs: KubeObject,
    pods: KubeObject[],
    templateLabels: Record<string, string> | undefined,
    minReadySeconds: number,
    failure?: string,
  ): void {
    const now = this.sim.now();
    const ready = pods.filter(isPodReady);
    const available = pods.filter((p) => isPodAvailable(p, minReadySeconds, now));
    // A ready pod becomes available minReadySeconds later: look again then.
    const pendingAt = ready
      .filter((p) => !available.includes(p))
      .map((p) => {
        const c = (
          isRecord(p.status) && Array.isArray(p.status.conditions) ? p.status.conditions : []
        ) as Array<{ type?: string; lastTransitionTime?: string }>;
        return (
          Date.parse(c.find((x) => x.type === 'Ready')?.lastTransitionTime ?? '') +
          minReadySeconds * 1000
        );
      })
      .filter(Number.isFinite);
    const key = keyOf(rs);
    if (pendingAt.length)
      this.timers.wakeAt(key, Math.min(...pendingAt), () => this.queue.add(key));
    else this.timers.cancel(key);
    const fullyLabeled = pods.filter((p) =>
      Object.entries(templateLabels ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v),
    );
    const prev = (isRecord(rs.status) ? rs.status : {}) as Json;
    const status: Json = {
      replicas: pods.length,
      // Like the real API these counters are omitempty: zero means absent.
      ...(fullyLabeled.length ? { fullyLabeledReplicas: fullyLabeled.length } : {}),
      ...(ready.length ? { readyReplicas: ready.length } : {}),
      ...(available.length ? { availableReplicas: available.length } : {}),
      observedGeneration: rs.metadata.generation ?? 1,
      // ReplicaFailure/FailedCreate while pods cannot be created, as with an exhausted quota.
      ...(failure ? { conditions: [this.failureCondition(prev, failure)] } : {}),
    };
    if (!jsonEqual(prev, status)) this.sim.writeStatus(this.def, rs, status);
  }

  private failureCondition(prev: Json, message: string): Json {
    const old = (Array.isArray(prev.conditions) ? prev.conditions : [])
      .filter(isRecord)
      .find((c) => c.type === 'ReplicaFailure');
    return {
      type: 'ReplicaFailure',
      status: 'True',
      reason: 'FailedCreate',
      message,
      lastTransitionTime: old?.lastTransitionTime ?? isoTime(this.sim.now()),
    };
  }
}
