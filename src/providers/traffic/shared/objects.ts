/** Looking objects up in `Observed` and naming them in messages. */
import { ANNOTATIONS } from '../../../domain/keys.js';
import {
  refKey,
  type KubeObjectJson,
  type Observed,
  type ObjectRef,
  type RouteContext,
} from '../types.js';

export function lookup(observed: Observed, ref: ObjectRef): KubeObjectJson | undefined {
  return observed.get(refKey(ref));
}

/** `Kind 'namespace/name'`, as messages name objects. */
export function describe(ref: ObjectRef): string {
  return `${ref.kind} '${ref.namespace}/${ref.name}'`;
}

export function notFound(ref: ObjectRef): string {
  return `${describe(ref)} not found`;
}

/** The rollout an object says manages it (`argo-rollouts.argoproj.io/managed-by-rollouts`), if any. */
export function managedBy(object: KubeObjectJson): string | undefined {
  return object.metadata.annotations?.[ANNOTATIONS.managedBy];
}

/** True when the object carries a controller owner reference to this rollout. */
export function isOwnedBy(object: KubeObjectJson, ctx: RouteContext): boolean {
  return (object.metadata.ownerReferences ?? []).some(
    (o) => o.kind === 'Rollout' && o.uid === ctx.rollout.uid,
  );
}

/** The owner reference a created object carries, so it goes away with the Rollout. */
export function rolloutOwnerReference(
  ctx: RouteContext,
): NonNullable<KubeObjectJson['metadata']['ownerReferences']>[number] {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    name: ctx.rollout.name,
    uid: ctx.rollout.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}
