import { isRecord, jsonEqual, type KubeObject } from '../api/object-meta.js';
import { podConcerns, selectorOf, selectPods } from './pod-selection.js';
import { isPodReady } from './pod-status.js';
import { keyOf, type SimContext, splitKey } from './sim-context.js';
import { WorkQueue } from './work-queue.js';

type Json = Record<string, unknown>;

/**
 * The Endpoints controller: for each Service with a selector, ready pods are addresses and the
 * others notReadyAddresses, with the Service's target ports. Keyed per Service; a pod change
 * only wakes the Services whose selector matched it before or after.
 */
export class EndpointsController {
  readonly queue: WorkQueue;

  constructor(private readonly sim: SimContext) {
    this.queue = new WorkQueue((key) => this.sync(key), sim.opts.report);
  }

  onService(svc: KubeObject): void {
    this.queue.add(keyOf(svc));
  }

  onPod(pod: KubeObject, previous?: KubeObject): void {
    for (const svc of this.sim.api.store.list('/services', pod.metadata.namespace)) {
      if (podConcerns(selectorOf((svc.spec as Json | undefined)?.selector, true), pod, previous))
        this.queue.add(keyOf(svc));
    }
  }

  stop(): void {
    this.queue.stop();
  }

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = this.sim.api.tryGet(this.sim.def('', 'v1', 'services'), ns, name);
    const spec = (isRecord(svc?.spec) ? svc.spec : {}) as Json;
    const selector = selectorOf(spec.selector, true);
    if (!svc || !selector || svc.metadata.deletionTimestamp) return;
    const selected = selectPods(this.sim.api.store, ns, selector).filter(
      (p) => isRecord(p.status) && typeof p.status.podIP === 'string',
    );
    const address = (p: KubeObject) => ({
      ip: (p.status as Json).podIP,
      nodeName: (p.spec as Json | undefined)?.nodeName,
      targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
    });
    const ready = selected.filter(isPodReady).map(address);
    const notReady = selected.filter((p) => !isPodReady(p)).map(address);
    const ports = (Array.isArray(spec.ports) ? spec.ports : []).filter(isRecord).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
      protocol: p.protocol ?? 'TCP',
    }));
    const subsets =
      ready.length || notReady.length
        ? [
            {
              ...(ready.length ? { addresses: ready } : {}),
              ...(notReady.length ? { notReadyAddresses: notReady } : {}),
              ports,
            },
          ]
        : undefined;
    const epDef = this.sim.def('', 'v1', 'endpoints');
    const existing = this.sim.api.tryGet(epDef, ns, name);
    const body = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels: svc.metadata.labels ?? {} },
      ...(subsets ? { subsets } : {}),
    };
    if (!existing) this.sim.api.create(epDef, ns, body);
    else if (!jsonEqual(existing.subsets, subsets))
      this.sim.api.update(epDef, ns, name, { ...existing, subsets });
  }
}
