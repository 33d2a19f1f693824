import { EXPERIMENT_DEFAULTS } from '../../domain/experiment-keys.js';
import type { ReplicaSet } from '../../domain/index.js';
import { hashOf } from '../rollout/replica-sets.js';
import type { ExperimentContext } from './experiment-context.js';
import type {
  ExperimentTemplate,
  TemplateStatus,
  TemplateStatusCode,
} from '../../domain/experiment.js';
import { isCompletedTemplateStatus } from '../../domain/phase.js';
import { desiredTemplateReplicas, templateHash } from './template-replica-set.js';

export function progressDeadlineMessage(t: ExperimentTemplate, seconds: number): string {
  return `Template '${t.name}' exceeded its progressDeadlineSeconds (${seconds})`;
}

function counts(
  rs: ReplicaSet | undefined,
): Pick<TemplateStatus, 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas'> {
  const s = rs?.status ?? {};
  return {
    replicas: s.replicas ?? 0,
    updatedReplicas: s.replicas ?? 0,
    readyReplicas: s.readyReplicas ?? 0,
    availableReplicas: s.availableReplicas ?? 0,
  };
}

function sameCounts(a: TemplateStatus | undefined, b: ReturnType<typeof counts>): boolean {
  return (
    !!a &&
    a.replicas === b.replicas &&
    a.readyReplicas === b.readyReplicas &&
    a.availableReplicas === b.availableReplicas
  );
}

/**
 * One template's status (spec §3 step 2): a completed status sticks; when the experiment is
 * finishing (terminating, or its duration passed) the template is Successful; available ==
 * desired ⇒ Running; otherwise Progressing, and Failed once nothing changed for
 * progressDeadlineSeconds. The progress clock is `lastTransitionTime`, moved on every change.
 */
export function assessTemplateStatus(
  ctx: ExperimentContext,
  t: ExperimentTemplate,
  rs: ReplicaSet | undefined,
  finishing: boolean,
): TemplateStatus {
  const prev = ctx.prev.templateStatuses?.find((s) => s.name === t.name);
  const c = counts(rs);
  const base = {
    name: t.name,
    ...c,
    podTemplateHash: hashOf(rs) ?? templateHash(t),
    ...(prev?.collisionCount !== undefined ? { collisionCount: prev.collisionCount } : {}),
  };
  const keep = (status: TemplateStatusCode, message?: string): TemplateStatus => {
    const changed = prev?.status !== status || (status === 'Progressing' && !sameCounts(prev, c));
    return {
      ...base,
      status,
      ...(message ? { message } : {}),
      lastTransitionTime:
        changed || !prev?.lastTransitionTime ? ctx.nowIso : prev.lastTransitionTime,
    };
  };
  if (prev && isCompletedTemplateStatus(prev.status))
    return {
      ...base,
      status: prev.status,
      ...(prev.message ? { message: prev.message } : {}),
      ...(prev.lastTransitionTime ? { lastTransitionTime: prev.lastTransitionTime } : {}),
    };
  if (finishing) return keep('Successful');
  const desired = desiredTemplateReplicas(t);
  if (rs && (rs.spec.replicas ?? 0) === desired && c.availableReplicas >= desired)
    return keep('Running');
  const status = keep('Progressing');
  const deadline =
    ctx.ex.spec.progressDeadlineSeconds ?? EXPERIMENT_DEFAULTS.progressDeadlineSeconds;
  const since = Date.parse(status.lastTransitionTime ?? ctx.nowIso);
  if (prev?.status === 'Progressing' && ctx.now >= since + deadline * 1000) {
    return {
      ...status,
      status: 'Failed',
      message: progressDeadlineMessage(t, deadline),
      lastTransitionTime: ctx.nowIso,
    };
  }
  ctx.wakeAt.push(since + deadline * 1000);
  return status;
}
