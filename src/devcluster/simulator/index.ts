import type { ClusterApi } from '../api/cluster-api.js';
import type { KubeObject } from '../api/object-meta.js';
import type { WatchEventType } from '../store/object-store.js';
import { DeploymentController } from './deployment-controller.js';
import { JobController } from './job-controller.js';
import { Kubelet } from './kubelet.js';
import { ReplicaSetController } from './replicaset-controller.js';
import { DisruptionController } from './disruption-controller.js';
import { EndpointsController } from './endpoints-controller.js';
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
  const endpoints = new EndpointsController(sim);
  const disruption = new DisruptionController(sim);
  const saDef = sim.def('', 'v1', 'serviceaccounts');

  const on = (
    key: string,
    fn: (obj: KubeObject, previous?: KubeObject, type?: WatchEventType) => void,
  ) => api.store.subscribe({ key, send: (e) => fn(e.object, e.previous, e.type) });
  const unsubscribe = [
    on('/pods', (pod, previous, type) => {
      if (type === 'DELETED') replicaSets.onPodRemoved();
      kubelet.onPod(pod);
      replicaSets.onPod(pod, previous);
      jobs.onPod(pod);
      endpoints.onPod(pod, previous);
      disruption.onPod(pod, previous);
    }),
    on('apps/replicasets', (rs) => {
      replicaSets.onReplicaSet(rs);
      deployments.onReplicaSet(rs);
    }),
    on('apps/deployments', (d) => deployments.onDeployment(d)),
    on('batch/jobs', (j) => jobs.onJob(j)),
    on('/services', (s) => endpoints.onService(s)),
    on('policy/poddisruptionbudgets', (p) => disruption.onBudget(p)),
    api.store.subscribe({
      key: '/namespaces',
      send: (e) => {
        const ns = e.object.metadata.name ?? '';
        if (e.type !== 'ADDED') return;
        setImmediate(() => {
          try {
            if (!api.tryGet(saDef, ns, 'default'))
              api.create(saDef, ns, { metadata: { name: 'default' } });
          } catch (err) {
            opts.report(`simulator: default service account in ${ns}: ${(err as Error).message}`);
          }
        });
      },
    }),
  ];
  const controllers = [kubelet, replicaSets, deployments, jobs, endpoints, disruption];
  return {
    stop() {
      for (const u of unsubscribe) u();
      for (const c of controllers) c.stop();
    },
    idle: () => controllers.every((c) => c.queue.idle),
  };
}
