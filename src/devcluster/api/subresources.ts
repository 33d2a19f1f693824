import { computeDisruption } from '../simulator/disruption.js';
import { formatLabelSelector, labelSelectorFromObject } from '../selectors/index.js';
import type { ClusterApi } from './cluster-api.js';
import { isRecord, type KubeObject } from './object-meta.js';
import { applyRequestPatch, type PatchKind } from './apply-patch.js';
import { type ResourceDef, storageKey } from './resource-def.js';
import { errors, KubeStatusError } from './status-error.js';
import { readPath, writePath } from './write-prep.js';

/** autoscaling/v1 Scale for a resource with a scale subresource (what `kubectl scale` and HPAs use). */
export function getScale(
  api: ClusterApi,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
): KubeObject {
  const scale = def.scale;
  if (!scale) throw errors.notFoundPath(`${def.plural}/scale`);
  const obj = api.get(def, namespace, name);
  let selector: unknown;
  if (scale.labelSelectorPath) selector = readPath(obj, scale.labelSelectorPath);
  else {
    const sel = readPath(obj, '.spec.selector');
    if (isRecord(sel)) selector = formatLabelSelector(labelSelectorFromObject(sel));
  }
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name,
      ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: Number(readPath(obj, scale.specReplicasPath) ?? 0) },
    status: {
      replicas: Number(readPath(obj, scale.statusReplicasPath) ?? 0),
      ...(typeof selector === 'string' && selector ? { selector } : {}),
    },
  };
}

export function updateScale(
  api: ClusterApi,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  body: unknown,
  dryRun = false,
): KubeObject {
  const scale = def.scale;
  if (!scale) throw errors.notFoundPath(`${def.plural}/scale`);
  if (!isRecord(body) || !isRecord(body.spec))
    throw errors.badRequest('a Scale object with spec.replicas is required');
  const replicas = body.spec.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid('Scale', 'autoscaling', name, [
      {
        field: 'spec.replicas',
        message: `spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      },
    ]);
  }
  const current = api.get(def, namespace, name);
  const rv = isRecord(body.metadata) ? body.metadata.resourceVersion : undefined;
  if (rv !== undefined && rv !== '' && String(rv) !== current.metadata.resourceVersion)
    throw errors.conflict(def.group, def.plural, name);
  const next = structuredClone(current) as KubeObject & Record<string, unknown>;
  writePath(next, scale.specReplicasPath, replicas);
  api.update(def, namespace, name, next, { dryRun });
  return getScale(api, def, namespace, name);
}

export function patchScale(
  api: ClusterApi,
  def: ResourceDef,
  namespace: string | undefined,
  name: string,
  kind: PatchKind,
  patch: unknown,
  dryRun = false,
): KubeObject {
  const current = getScale(api, def, namespace, name);
  const scaleDef = { ...def, group: 'autoscaling', kind: 'Scale', crd: undefined };
  const patched = applyRequestPatch(
    scaleDef,
    current,
    kind === 'strategic' || kind === 'apply' ? 'merge' : kind,
    patch,
  );
  return updateScale(api, def, namespace, name, patched, dryRun);
}

/** policy/v1 Eviction: deletes the pod unless a PodDisruptionBudget selecting it allows no disruption. */
export function evictPod(
  api: ClusterApi,
  podDef: ResourceDef,
  namespace: string,
  name: string,
  body: unknown,
): Record<string, unknown> {
  if (
    isRecord(body) &&
    isRecord(body.metadata) &&
    body.metadata.name !== undefined &&
    body.metadata.name !== name
  ) {
    throw errors.badRequest(`name in URL does not match name in Eviction object`);
  }
  const pod = api.get(podDef, namespace, name);
  const pdbDef = api.registry.find('policy', 'v1', 'poddisruptionbudgets');
  if (pdbDef && !pod.metadata.deletionTimestamp) {
    const pods = api.store.list(storageKey(podDef), namespace);
    for (const pdb of api.store.list(storageKey(pdbDef), namespace)) {
      const d = computeDisruption(pdb, pods);
      const selects =
        pods.some((p) => p.metadata.name === name) &&
        d.expectedPods > 0 &&
        computeDisruption(pdb, [pod]).expectedPods === 1;
      if (selects && d.disruptionsAllowed <= 0) {
        throw new KubeStatusError(
          429,
          'TooManyRequests',
          "Cannot evict pod as it would violate the pod's disruption budget.",
          {
            causes: [
              {
                reason: 'DisruptionBudget',
                message: `The disruption budget ${pdb.metadata.name ?? ''} needs ${d.desiredHealthy} healthy pods and has ${d.currentHealthy} currently`,
              },
            ],
          },
        );
      }
    }
  }
  const deleteOptions = isRecord(body) && isRecord(body.deleteOptions) ? body.deleteOptions : {};
  const pre = isRecord(deleteOptions.preconditions) ? deleteOptions.preconditions : undefined;
  api.delete(
    podDef,
    namespace,
    name,
    pre ? { preconditions: pre as { uid?: string; resourceVersion?: string } } : {},
  );
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}
