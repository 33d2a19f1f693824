import { ANNOTATIONS, type ObjectMeta } from '../../domain/index.js';
import type { ObjectInfo } from './types.js';

/** Name, namespace, uid and age of an object at `now`. */
export function buildObjectInfo(meta: ObjectMeta, now: number): ObjectInfo {
  const created = meta.creationTimestamp ? Date.parse(meta.creationTimestamp) : NaN;
  return {
    name: meta.name,
    namespace: meta.namespace ?? '',
    ...(meta.uid ? { uid: meta.uid } : {}),
    ...(meta.creationTimestamp ? { createdAt: meta.creationTimestamp } : {}),
    ...(Number.isNaN(created) ? {} : { ageSeconds: Math.floor((now - created) / 1000) }),
  };
}

/** Some owner reference of `meta` points at `uid`. */
export function isOwnedBy(meta: ObjectMeta, uid: string | undefined): boolean {
  return uid !== undefined && uid !== '' && (meta.ownerReferences ?? []).some((o) => o.uid === uid);
}

/** `rollout.argoproj.io/revision` as an integer; 0 when absent or not a number (as upstream). */
export function revisionOf(meta: ObjectMeta): number {
  const raw = meta.annotations?.[ANNOTATIONS.revision];
  return raw !== undefined && /^-?[0-9]+$/.test(raw) ? Number(raw) : 0;
}

/** Creation time order; objects without a timestamp first, ties by name. */
export function compareCreated(a: ObjectInfo, b: ObjectInfo): number {
  const ta = a.createdAt ?? '';
  const tb = b.createdAt ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
