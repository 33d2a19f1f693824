import type { ReplicaSet } from '../../../domain/index.js';

/**
 * The two (three) numbers of a ReplicaSet the replica math reads. Everything here works on these
 * small views so it can be tested without building ReplicaSet objects.
 */
export interface RsCounts {
  /** `spec.replicas`. */
  spec: number;
  /** `status.availableReplicas`. */
  available: number;
  /**
   * `status.replicas` (pods created). Only `atDesiredReplicaCountsForCanary` reads it, for the stable
   * RS; absent means 0, as the API server omits a zero count.
   */
  replicas?: number;
}

/** A ReplicaSet that is neither the new nor the stable one; newer revisions are scaled down first. */
export interface OldRsCounts extends RsCounts {
  revision: number;
}

/** The ReplicaSets of one Rollout. `stableRS` is absent when there is none or it is the new RS. */
export interface RsSet {
  newRS?: RsCounts | undefined;
  stableRS?: RsCounts | undefined;
  olderRSs: readonly RsCounts[];
}

/** Reads the counts of a ReplicaSet; `spec.replicas` defaults to 1 as the API server does. */
export function rsCountsOf(rs: ReplicaSet): RsCounts {
  return {
    spec: rs.spec.replicas ?? 1,
    available: rs.status?.availableReplicas ?? 0,
    replicas: rs.status?.replicas ?? 0,
  };
}

export function sumSpec(rss: readonly (RsCounts | undefined)[]): number {
  return rss.reduce((sum, rs) => sum + (rs?.spec ?? 0), 0);
}

export function sumAvailable(rss: readonly (RsCounts | undefined)[]): number {
  return rss.reduce((sum, rs) => sum + (rs?.available ?? 0), 0);
}
