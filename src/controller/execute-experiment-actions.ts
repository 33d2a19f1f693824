import { type KubeClient, servicePath } from '../adapters/kube/index.js';
import type { ExperimentAction } from '../core/experiment/index.js';
import { createOnce, executeActions } from './execute-actions.js';

/**
 * Step 4 of an Experiment reconcile: runs its actions in order. ReplicaSet and AnalysisRun
 * actions are the Rollout's (same idempotent execution); Services are created and deleted here.
 */
export async function executeExperimentActions(
  kube: KubeClient,
  ref: { namespace: string; name: string },
  actions: ExperimentAction[],
): Promise<void> {
  for (const a of actions) {
    switch (a.kind) {
      case 'createService':
        await createOnce(kube, servicePath(ref.namespace), a.service);
        break;
      case 'deleteService':
        await kube.delete(
          servicePath(ref.namespace, a.name),
          a.uid ? { preconditions: { uid: a.uid } } : undefined,
        );
        break;
      default:
        await executeActions(kube, ref, [a]);
    }
  }
}
