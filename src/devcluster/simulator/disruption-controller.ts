import { isRecord, jsonEqual, type KubeObject } from '../api/object-meta.js';
import { isoTime } from '../../domain/time.js';
import { computeDisruption } from './disruption.js';
import { podConcerns, selectorOf, selectPods } from './pod-selection.js';
import { keyOf, type SimContext, splitKey } from './sim-context.js';
import { WorkQueue } from './work-queue.js';

type Json = Record<string, unknown>;

/** The disruption controller: PodDisruptionBudget status from the pods each budget selects. */
export class DisruptionController {
  readonly queue: WorkQueue;

  constructor(private readonly sim: SimContext) {
    this.queue = new WorkQueue((key) => this.sync(key), sim.opts.report);
  }

  private get def() {
    return this.sim.def('policy', 'v1', 'poddisruptionbudgets');
  }

  onBudget(pdb: KubeObject): void {
    this.queue.add(keyOf(pdb));
  }

  onPod(pod: KubeObject, previous?: KubeObject): void {
    for (const pdb of this.sim.api.store.list(
      'policy/poddisruptionbudgets',
      pod.metadata.namespace,
    )) {
      if (podConcerns(selectorOf((pdb.spec as Json | undefined)?.selector), pod, previous))
        this.queue.add(keyOf(pdb));
    }
  }

  stop(): void {
    this.queue.stop();
  }

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const pdb = this.sim.api.tryGet(this.def, ns, name);
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    const selector = selectorOf((pdb.spec as Json | undefined)?.selector);
    const d = computeDisruption(pdb, selector ? selectPods(this.sim.api.store, ns, selector) : []);
    const prev = (isRecord(pdb.status) ? pdb.status : {}) as Json;
    const allowed = d.disruptionsAllowed > 0 ? 'True' : 'False';
    const old = (Array.isArray(prev.conditions) ? prev.conditions : [])
      .filter(isRecord)
      .find((c) => c.type === 'DisruptionAllowed');
    const generation = pdb.metadata.generation ?? 1;
    const status = {
      observedGeneration: generation,
      ...d,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: allowed,
          reason: allowed === 'True' ? 'SufficientPods' : 'InsufficientPods',
          message: '',
          observedGeneration: generation,
          lastTransitionTime:
            old?.status === allowed ? old.lastTransitionTime : isoTime(this.sim.now()),
        },
      ],
    };
    if (!jsonEqual(prev, status)) this.sim.writeStatus(this.def, pdb, status);
  }
}
