import type { ClusterApi } from '../api/cluster-api.js';
import type { KubeObject } from '../api/object-meta.js';
import { DeploymentController } from './deployment-controller.js';
import { JobController } from './job-controller.js';
import { Kubelet } from './kubelet.js';
import { ReplicaSetController } from './replicaset-controller.js';
import { NamespaceScopedControllers } from './service-controllers.js';
import { SimContext, type SimOptions } from './sim-context.js';

export { SIM } from './conventions.js';
export type { SimOptions } from './sim-context.js';

export interface Simulators {
  stop(): void;
  /** True when no simulator has queued work (tests settle on this). */
  idle(): boolean;
}

/**
 * Starts the workload simulators, fed by the store's change stream like informers:
 * kubelet/scheduler, ReplicaSet, Deployment, Job, Endpoints and PodDisruptionBudget controllers,
 * plus the namespace controller's `default` ServiceAccount.
 */
export function startSimulators(api: ClusterApi, opts: SimOptions): Simulators {
  const sim = new SimContext(api, opts);
  const kubelet = new Kubelet(sim);
  const replicaSets = new ReplicaSetController(sim);
  const deployments = new DeploymentController(sim);
  const jobs = new JobController(sim);
  const perNamespace = new NamespaceScopedControllers(sim);
  const saDef = sim.def('', 'v1', 'serviceaccounts');

  const on = (key: string, fn: (obj: KubeObject) => void) =>
    api.store.subscribe({ key, send: (e) => fn(e.object) });
  const unsubscribe = [
    on('/pods', (pod) => {
      kubelet.onPod(pod);
      replicaSets.onPod(pod);
      jobs.onPod(pod);
      perNamespace.onChange(pod);
    }),
    on('apps/replicasets', (rs) => {
      replicaSets.onReplicaSet(rs);
      deployments.onReplicaSet(rs);
    }),
    on('apps/deployments', (d) => deployments.onDeployment(d)),
    on('batch/jobs', (j) => jobs.onJob(j)),
    on('/services', (s) => perNamespace.onChange(s)),
    on('policy/poddisruptionbudgets', (p) => perNamespace.onChange(p)),
    api.store.subscribe({
      key: '/namespaces',
      send: (e) => {
        const ns = e.object.metadata.name ?? '';
        if (e.type !== 'ADDED') return;
        setImmediate(() => {
          try {
            if (!api.tryGet(saDef, ns, 'default')) api.create(saDef, ns, { metadata: { name: 'default' } });
          } catch (err) {
            opts.report(`simulator: default service account in ${ns}: ${(err as Error).message}`);
          }
        });
      },
    }),
  ];
  const queues = [kubelet.queue, replicaSets.queue, deployments.queue, jobs.queue, perNamespace.queue];
  return {
    stop() {
      for (const u of unsubscribe) u();
      kubelet.stop();
      replicaSets.stop();
      deployments.stop();
      jobs.stop();
      perNamespace.stop();
    },
    idle: () => queues.every((q) => q.idle),
  };
}
