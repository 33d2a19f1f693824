import {
  analysisRunPath,
  experimentPath,
  type KubeClient,
  KubeApiError,
  podPath,
  replicaSetPath,
  rolloutPath,
  routedObjectPath,
  servicePath,
} from '../adapters/kube/index.js';
import type { Action } from '../core/rollout/plan-types.js';
import type { ObjectWrite } from '../providers/traffic/index.js';
import type { RolloutRef } from './load-rollout.js';

/**
 * Step 4 of a reconcile: runs the plan's actions in order. Each is idempotent (absolute values,
 * deterministic names), so a retry after a crash or a lost race repeats nothing harmful.
 */
export async function executeActions(
  kube: KubeClient,
  ref: RolloutRef,
  actions: Action[],
): Promise<void> {
  for (const action of actions) await execute(kube, ref, action);
}

async function execute(
  kube: KubeClient,
  { namespace, name }: RolloutRef,
  a: Action,
): Promise<void> {
  switch (a.kind) {
    case 'patchRollout':
      await kube.mergePatch(rolloutPath(namespace, name), a.patch);
      return;
    case 'createReplicaSet':
      await createOnce(kube, replicaSetPath(namespace), a.replicaSet);
      return;
    case 'patchReplicaSet':
      await kube.mergePatch(replicaSetPath(namespace, a.name), a.patch);
      return;
    case 'deleteReplicaSet':
      await kube.delete(
        replicaSetPath(namespace, a.name),
        a.uid ? { preconditions: { uid: a.uid } } : undefined,
      );
      return;
    case 'patchService':
      // Strategic merge touches only the hash key of the selector (spec §4.1).
      await kube.strategicPatch(servicePath(namespace, a.name), a.patch);
      return;
    case 'scaleWorkload':
      await kube.mergePatch(
        `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(a.name)}`,
        { spec: { replicas: a.replicas } },
      );
      return;
    case 'createAnalysisRun':
      await createOnce(kube, analysisRunPath(namespace), a.run);
      return;
    case 'deleteAnalysisRun':
      await kube.delete(analysisRunPath(namespace, a.name));
      return;
    case 'terminateAnalysisRun':
      await kube.mergePatch(analysisRunPath(namespace, a.name), { spec: { terminate: true } });
      return;
    case 'evictPod':
      await kube.evict(namespace, a.name);
      return;
    case 'patchPod':
      try {
        await kube.mergePatch(podPath(namespace, a.name), a.patch);
      } catch (e) {
        // The pod is gone (scaled down, evicted): nothing left to label.
        if (!(e instanceof KubeApiError && e.isNotFound)) throw e;
      }
      return;
    case 'createExperiment':
      await createOnce(kube, experimentPath(namespace), a.experiment);
      return;
    case 'deleteExperiment':
      await kube.delete(experimentPath(namespace, a.name));
      return;
    case 'terminateExperiment':
      await kube.mergePatch(experimentPath(namespace, a.name), { spec: { terminate: true } });
      return;
    case 'trafficWrite':
      await executeTrafficWrite(kube, a.write);
      return;
  }
}

/** Creates an object with a deterministic name; one an earlier attempt already created is fine. */
export async function createOnce(kube: KubeClient, path: string, body: unknown): Promise<void> {
  try {
    await kube.create(path, body);
  } catch (e) {
    if (!(e instanceof KubeApiError && e.isAlreadyExists)) throw e;
  }
}

/**
 * A router's write. Its guards (resourceVersion in a merge patch, a leading `test` in a JSON
 * patch) turn a concurrent change into a conflict: the reconcile stops and re-plans from a fresh read.
 */
async function executeTrafficWrite(kube: KubeClient, w: ObjectWrite): Promise<void> {
  try {
    switch (w.op) {
      case 'create':
        await kube.create(
          routedObjectPath({
            apiVersion: w.object.apiVersion,
            kind: w.object.kind,
            namespace: w.object.metadata.namespace ?? 'default',
          }),
          w.object,
        );
        return;
      case 'mergePatch':
        await kube.mergePatch(routedObjectPath(w.ref), w.patch);
        return;
      case 'jsonPatch':
        await kube.jsonPatch(routedObjectPath(w.ref), w.patch);
        return;
      case 'delete':
        await kube.delete(routedObjectPath(w.ref));
        return;
    }
  } catch (e) {
    if (!(e instanceof KubeApiError)) throw e;
    const lostRace =
      e.isAlreadyExists || (w.op === 'jsonPatch' && e.status === 422 && /test/i.test(e.message));
    if (lostRace)
      throw new KubeApiError({
        status: 409,
        reason: 'Conflict',
        message: `${e.message} (changed since it was read)`,
        cause: e,
      });
    throw e;
  }
}

export { podPath };
