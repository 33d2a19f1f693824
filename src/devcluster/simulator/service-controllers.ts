import { isRecord, jsonEqual, type KubeObject } from '../api/object-meta.js';
import { labelSelectorFromObject, matchesLabels } from '../selectors/index.js';
import { computeDisruption } from './disruption.js';
import { isPodReady } from './pod-status.js';
import type { SimContext } from './sim-context.js';
import { WorkQueue } from './work-queue.js';

type Json = Record<string, unknown>;

/**
 * Per-namespace controllers whose output depends on the set of pods: Endpoints for Services
 * with a selector (ready pods as addresses, the rest as notReadyAddresses) and PodDisruptionBudget
 * status (what evictions are checked against).
 */
export class NamespaceScopedControllers {
  readonly queue: WorkQueue;

  constructor(private readonly sim: SimContext) {
    this.queue = new WorkQueue((ns) => this.sync(ns), sim.opts.report);
  }

  onChange(obj: KubeObject): void {
    if (obj.metadata.namespace) this.queue.add(obj.metadata.namespace);
  }

  stop(): void {
    this.queue.stop();
  }

  private sync(ns: string): void {
    const pods = this.sim.api.store.list('/pods', ns).filter((p) => !p.metadata.deletionTimestamp);
    this.syncEndpoints(ns, pods);
    this.syncDisruptionBudgets(ns, pods);
  }

  private syncEndpoints(ns: string, pods: KubeObject[]): void {
    const epDef = this.sim.def('', 'v1', 'endpoints');
    for (const svc of this.sim.api.store.list('/services', ns)) {
      const spec = (isRecord(svc.spec) ? svc.spec : {}) as Json;
      if (!isRecord(spec.selector) || svc.metadata.deletionTimestamp) continue;
      const selector = labelSelectorFromObject({ matchLabels: spec.selector as Record<string, string> });
      const selected = pods.filter((p) => matchesLabels(selector, p.metadata.labels) && isRecord(p.status) && typeof p.status.podIP === 'string');
      const address = (p: KubeObject) => ({
        ip: (p.status as Json).podIP,
        nodeName: (p.spec as Json | undefined)?.nodeName,
        targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
      });
      const ready = selected.filter(isPodReady).map(address);
      const notReady = selected.filter((p) => !isPodReady(p)).map(address);
      const ports = (Array.isArray(spec.ports) ? spec.ports : []).map((p: Json) => ({
        ...(p.name ? { name: p.name } : {}),
        port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
        protocol: p.protocol ?? 'TCP',
      }));
      const subsets = ready.length || notReady.length ? [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports }] : undefined;
      const name = svc.metadata.name ?? '';
      const existing = this.sim.api.tryGet(epDef, ns, name);
      const body = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels: svc.metadata.labels ?? {} }, ...(subsets ? { subsets } : {}) };
      if (!existing) this.sim.api.create(epDef, ns, body);
      else if (!jsonEqual(existing.subsets, subsets)) this.sim.api.update(epDef, ns, name, { ...existing, subsets });
    }
  }

  private syncDisruptionBudgets(ns: string, pods: KubeObject[]): void {
    const def = this.sim.def('policy', 'v1', 'poddisruptionbudgets');
    for (const pdb of this.sim.api.store.list('policy/poddisruptionbudgets', ns)) {
      const d = computeDisruption(pdb, pods);
      const prev = (isRecord(pdb.status) ? pdb.status : {}) as Json;
      const allowed = d.disruptionsAllowed > 0;
      const prevCond = (Array.isArray(prev.conditions) ? prev.conditions : []) as Json[];
      const old = prevCond.find((c) => c.type === 'DisruptionAllowed');
      const status = {
        observedGeneration: pdb.metadata.generation ?? 1,
        ...d,
        conditions: [
          {
            type: 'DisruptionAllowed',
            status: allowed ? 'True' : 'False',
            reason: allowed ? 'SufficientPods' : 'InsufficientPods',
            message: '',
            observedGeneration: pdb.metadata.generation ?? 1,
            lastTransitionTime: old?.status === (allowed ? 'True' : 'False') ? old.lastTransitionTime : new Date(this.sim.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
          },
        ],
      };
      if (!jsonEqual(prev, status)) this.sim.writeStatus(def, pdb, status);
    }
  }
}
