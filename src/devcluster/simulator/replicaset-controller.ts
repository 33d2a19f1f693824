import { isRecord, jsonEqual, type KubeObject } from '../api/object-meta.js';
import { labelSelectorFromObject, matchesLabels } from '../selectors/index.js';
import { KeyedTimers } from './keyed-timers.js';
import { createOwnedPod, ownerRef, templateOf } from './owned-pods.js';
import { isPodAvailable, isPodReady, podPhase } from './pod-status.js';
import { keyOf, type SimContext, splitKey } from './sim-context.js';
import { WorkQueue } from './work-queue.js';

type Json = Record<string, unknown>;

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

  onPod(pod: KubeObject): void {
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (owner?.kind === 'ReplicaSet') this.queue.add(`${pod.metadata.namespace ?? ''}/${owner.name}`);
    else if (!owner) for (const rs of this.sim.api.store.list('apps/replicasets', pod.metadata.namespace)) this.queue.add(keyOf(rs));
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
    const selector = labelSelectorFromObject(isRecord(spec.selector) ? spec.selector : null);
    const podsDef = this.sim.pods;
    this.adoptOrphans(rs, selector);
    let pods = this.sim.controlledBy(podsDef, rs).filter(isActive);
    const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
    if (pods.length < desired) {
      for (let i = pods.length; i < desired; i++) createOwnedPod(this.sim, rs, 'apps/v1', 'ReplicaSet');
    } else if (pods.length > desired) {
      const doomed = [...pods]
        .sort((a, b) => deletionRank(a) - deletionRank(b) || String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)))
        .slice(0, pods.length - desired);
      for (const pod of doomed) this.sim.api.delete(podsDef, ns, pod.metadata.name ?? '');
    }
    pods = this.sim.controlledBy(podsDef, rs).filter(isActive);
    this.writeStatus(rs, pods, templateOf(rs).metadata.labels as Record<string, string> | undefined, Number(spec.minReadySeconds ?? 0));
  }

  private adoptOrphans(rs: KubeObject, selector: ReturnType<typeof labelSelectorFromObject>): void {
    const podsDef = this.sim.pods;
    for (const pod of this.sim.api.store.list('/pods', rs.metadata.namespace)) {
      if (pod.metadata.deletionTimestamp || pod.metadata.ownerReferences?.some((r) => r.controller)) continue;
      if (!matchesLabels(selector, pod.metadata.labels)) continue;
      this.sim.api.update(podsDef, pod.metadata.namespace, pod.metadata.name ?? '', {
        ...pod,
        metadata: { ...pod.metadata, ownerReferences: [...(pod.metadata.ownerReferences ?? []), ownerRef(rs, 'apps/v1', 'ReplicaSet')] },
      });
    }
  }

  private writeStatus(rs: KubeObject, pods: KubeObject[], templateLabels: Record<string, string> | undefined, minReadySeconds: number): void {
    const now = this.sim.now();
    const ready = pods.filter(isPodReady);
    const available = pods.filter((p) => isPodAvailable(p, minReadySeconds, now));
    // A ready pod becomes available minReadySeconds later: look again then.
    const pendingAt = ready
      .filter((p) => !available.includes(p))
      .map((p) => {
        const c = (isRecord(p.status) && Array.isArray(p.status.conditions) ? p.status.conditions : []) as Array<{ type?: string; lastTransitionTime?: string }>;
        return Date.parse(c.find((x) => x.type === 'Ready')?.lastTransitionTime ?? '') + minReadySeconds * 1000;
      })
      .filter(Number.isFinite);
    const key = keyOf(rs);
    if (pendingAt.length) this.timers.wakeAt(key, Math.min(...pendingAt), () => this.queue.add(key));
    else this.timers.cancel(key);
    const fullyLabeled = pods.filter((p) => Object.entries(templateLabels ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v));
    const prev = (isRecord(rs.status) ? rs.status : {}) as Json;
    const status: Json = {
      replicas: pods.length,
      // Like the real API these counters are omitempty: zero means absent.
      ...(fullyLabeled.length ? { fullyLabeledReplicas: fullyLabeled.length } : {}),
      ...(ready.length ? { readyReplicas: ready.length } : {}),
      ...(available.length ? { availableReplicas: available.length } : {}),
      observedGeneration: rs.metadata.generation ?? 1,
      ...(prev.conditions ? { conditions: prev.conditions } : {}),
    };
    if (!jsonEqual(prev, status)) this.sim.writeStatus(this.def, rs, status);
  }
}
