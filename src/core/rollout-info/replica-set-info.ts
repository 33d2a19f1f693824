import {
  ANNOTATIONS,
  EXPERIMENT_ANNOTATIONS,
  LABELS,
  type Pod,
  type ReplicaSet,
  type Rollout,
} from '../../domain/index.js';
import { replicaSetIcon } from './icons.js';
import { buildObjectInfo, compareCreated, isOwnedBy, revisionOf } from './object-info.js';
import { buildPodInfo } from './pod-info.js';
import type { ReplicaSetInfo } from './types.js';

/** Annotation on an Experiment's ReplicaSets naming the template they run. */

/**
 * The ReplicaSets owned by `ownerUid` with their pods, newest revision first. With `rollout` (not
 * for an Experiment's ReplicaSets) each is tagged by the role it plays: stable, canary (or
 * active/preview for blue-green), ping/pong.
 */
export function buildReplicaSetInfos(
  ownerUid: string | undefined,
  rollout: Rollout | undefined,
  replicaSets: readonly ReplicaSet[],
  pods: readonly Pod[],
  now: number,
): ReplicaSetInfo[] {
  const infos = replicaSets
    .filter((rs) => isOwnedBy(rs.metadata, ownerUid))
    .map((rs) => replicaSetInfo(rs, rollout, pods, now));
  return infos.sort(
    (a, b) => b.revision - a.revision || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

function replicaSetInfo(
  rs: ReplicaSet,
  rollout: Rollout | undefined,
  pods: readonly Pod[],
  now: number,
): ReplicaSetInfo {
  const status = replicaSetHealth(rs);
  const annotations = rs.metadata.annotations ?? {};
  const podSpec = (rs.spec.template?.spec ?? {}) as {
    containers?: Array<{ image?: string }>;
    initContainers?: Array<{ image?: string }>;
  };
  const deadline = annotations[ANNOTATIONS.scaleDownDeadline];
  const deadlineMs = deadline ? Date.parse(deadline) : NaN;
  const info: ReplicaSetInfo = {
    ...buildObjectInfo(rs.metadata, now),
    status,
    icon: replicaSetIcon(status),
    revision: revisionOf(rs.metadata),
    replicas: rs.status?.replicas ?? 0,
    available: rs.status?.availableReplicas ?? 0,
    ...roles(rs, rollout),
    ...(annotations[EXPERIMENT_ANNOTATIONS.templateName]
      ? { template: annotations[EXPERIMENT_ANNOTATIONS.templateName] }
      : {}),
    images: (podSpec.containers ?? []).map((c) => c.image ?? ''),
    initContainerImages: (podSpec.initContainers ?? []).map((c) => c.image ?? ''),
    ...(deadline ? { scaleDownDeadline: deadline } : {}),
    ...(Number.isNaN(deadlineMs)
      ? {}
      : { scaleDownDelaySeconds: Math.floor((deadlineMs - now) / 1000) }),
    pods: pods
      .filter((p) => isOwnedBy(p.metadata, rs.metadata.uid))
      .map((p) => buildPodInfo(p, now))
      .sort(compareCreated),
  };
  return info;
}

/** Progressing until observed and fully available; ReplicaFailure; ScaledDown at 0; else Healthy. */
function replicaSetHealth(rs: ReplicaSet): string {
  const desired = rs.spec.replicas;
  if ((rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) return 'Progressing';
  const failure = (rs.status?.conditions ?? []).find(
    (c) => (c as { type?: string }).type === 'ReplicaFailure',
  ) as { status?: string } | undefined;
  if (failure?.status === 'True') return 'ReplicaFailure';
  if (desired !== undefined && (rs.status?.availableReplicas ?? 0) < desired) return 'Progressing';
  return desired === 0 ? 'ScaledDown' : 'Healthy';
}

type Roles = Pick<ReplicaSetInfo, 'stable' | 'canary' | 'active' | 'preview' | 'ping' | 'pong'>;

function roles(rs: ReplicaSet, rollout: Rollout | undefined): Roles {
  const r: Roles = {
    stable: false,
    canary: false,
    active: false,
    preview: false,
    ping: false,
    pong: false,
  };
  if (!rollout) return r;
  const hash = rs.metadata.labels?.[LABELS.podTemplateHash];
  const status = rollout.status ?? {};
  const strategy = rollout.spec.strategy ?? {};
  if (hash === undefined) return r;
  if (strategy.canary) {
    const pingPong = !!strategy.canary.pingPong;
    const stableIsPing = status.canary?.stablePingPong === 'ping';
    if (status.stableRS === hash) {
      r.stable = true;
      if (pingPong) [r.ping, r.pong] = [stableIsPing, !stableIsPing];
    } else if (status.currentPodHash === hash) {
      r.canary = true;
      if (pingPong) [r.ping, r.pong] = [!stableIsPing, stableIsPing];
    }
  }
  if (strategy.blueGreen) {
    if (status.stableRS === hash) r.stable = true;
    if (status.blueGreen?.activeSelector === hash) r.active = true;
    else if (status.blueGreen?.previewSelector === hash) r.preview = true;
  }
  return r;
}
