import { isRecord, type KubeObject } from '../api/object-meta.js';
import type { SimContext } from './sim-context.js';

type Json = Record<string, unknown>;

export function ownerRef(owner: KubeObject, apiVersion: string, kind: string): Json {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The pod template of a workload spec (ReplicaSet, Job). */
export function templateOf(owner: KubeObject): { metadata: Json; spec: unknown } {
  const spec = isRecord(owner.spec) ? owner.spec : {};
  const template = isRecord(spec.template) ? spec.template : {};
  return {
    metadata: isRecord(template.metadata) ? template.metadata : {},
    spec: template.spec ?? {},
  };
}

/** Creates a pod from the owner's template, named `<owner>-<random>` and controlled by it. */
export function createOwnedPod(
  sim: SimContext,
  owner: KubeObject,
  apiVersion: string,
  kind: string,
): KubeObject {
  const { metadata, spec } = templateOf(owner);
  const name = owner.metadata.name ?? '';
  return sim.api.create(sim.pods, owner.metadata.namespace, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${name}-`,
      labels: metadata.labels ?? {},
      ...(metadata.annotations ? { annotations: metadata.annotations } : {}),
      ownerReferences: [ownerRef(owner, apiVersion, kind)],
    },
    spec: structuredClone(spec),
  });
}
