import {
  LABELS,
  type PodTemplateSpec,
  type ReplicaSet,
  type Rollout,
} from '../../../domain/index.js';
import { replicaSetRevision, templatesEqual } from '../template/index.js';

/** The object whose pod template `undo` replaces: the Rollout itself, or its workloadRef. */
export interface UndoTarget {
  apiVersion: string;
  kind: string;
  name: string;
  /** JSON pointer of the pod template in that object. */
  path: '/spec/template' | '/template';
}

/** `replace` of the whole template, as the plugin writes it (a JSON patch, so no old key survives). */
export interface TemplateReplace {
  op: 'replace';
  path: string;
  value: PodTemplateSpec;
}

export type UndoPlan =
  | { target: UndoTarget; ops: [TemplateReplace]; revision: number; summary: string }
  | { skipped: string; revision: number }
  | { refused: string };

/** Kinds a workloadRef may name (spec §1.1) and where their pod template lives. */
const WORKLOADS: Record<string, Omit<UndoTarget, 'name'>> = {
  Deployment: { apiVersion: 'apps/v1', kind: 'Deployment', path: '/spec/template' },
  ReplicaSet: { apiVersion: 'apps/v1', kind: 'ReplicaSet', path: '/spec/template' },
  // Upstream patches `/spec/template` here too, which a PodTemplate does not have.
  PodTemplate: { apiVersion: 'v1', kind: 'PodTemplate', path: '/template' },
};

/**
 * `undo [--to-revision N]` (spec §1.8, §5, §8.7): the pod template of the ReplicaSet at revision
 * `toRevision` (0: the one before the newest) with the pod-template-hash label removed, written
 * over `spec.template`, or over the template of the workloadRef object. The controller then re-adopts
 * that ReplicaSet and bumps its revision. Skipped when the template already matches; refused when
 * the revision is not in the history. `replicaSets` may hold others: only those the Rollout
 * controls count.
 */
export function planUndo(
  rollout: Rollout,
  replicaSets: readonly ReplicaSet[],
  toRevision = 0,
): UndoPlan {
  const name = rollout.metadata.name;
  const owned = replicaSets.filter((rs) =>
    rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === rollout.metadata.uid),
  );
  const found =
    toRevision > 0 ? owned.find((rs) => replicaSetRevision(rs) === toRevision) : previous(owned);
  if (!found?.spec.template) {
    return {
      refused:
        toRevision > 0
          ? `unable to find specified revision ${toRevision} in history`
          : `no revision found for rollout "${name}"`,
    };
  }
  const revision = replicaSetRevision(found);
  const current = rollout.spec.template;
  if (current && templatesEqual(current, found.spec.template, found)) {
    return {
      skipped: `skipped rollback (current template already matches revision ${revision})`,
      revision,
    };
  }
  const value = withoutHashLabel(found.spec.template);
  const ref = rollout.spec.workloadRef;
  let target: UndoTarget = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    name,
    path: '/spec/template',
  };
  if (ref) {
    const kind = WORKLOADS[ref.kind ?? ''];
    if (!kind) return { refused: `workload of type ${ref.kind ?? '(none)'} is not supported` };
    target = { ...kind, name: ref.name ?? '' };
  }
  const where = target.kind === 'Rollout' ? '' : ` (into ${target.kind} ${target.name})`;
  return {
    target,
    ops: [{ op: 'replace', path: target.path, value }],
    revision,
    summary: `rolled ${name} back to revision ${revision}${where}`,
  };
}

/** The second-newest revision, as the plugin picks it: a missing annotation counts as revision 0. */
function previous(rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  const sorted = [...rss].sort((a, b) => replicaSetRevision(b) - replicaSetRevision(a));
  const newest = sorted[0];
  return newest
    ? sorted.find((rs) => replicaSetRevision(rs) < replicaSetRevision(newest))
    : undefined;
}

function withoutHashLabel(template: PodTemplateSpec): PodTemplateSpec {
  const out = structuredClone(template);
  const labels = out.metadata?.labels;
  if (labels && LABELS.podTemplateHash in labels) {
    delete labels[LABELS.podTemplateHash];
    if (Object.keys(labels).length === 0 && out.metadata) delete out.metadata.labels;
  }
  return out;
}
