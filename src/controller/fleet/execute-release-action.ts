import { KubeApiError, type KubeClient, rolloutPath } from '../../adapters/kube/index.js';
import type { ReleaseAction } from '../../core/fleet/index.js';
import { parseReleaseHold } from '../../core/rollout/release-hold.js';
import type { ReleaseHoldMark } from '../../domain/fleet.js';
import { OWN, type Rollout } from '../../domain/index.js';
import { executeOperation, type OperationRequest } from '../execute-operation.js';

export interface ReleaseActionDeps {
  /** Throws for an unknown cluster. */
  kubeFor(cluster: string): KubeClient;
  now(): number;
  /** The Release's name, for hold marks and operation ids. */
  release: string;
  log?(line: string): void;
}

export type RolloutAction = Extract<
  ReleaseAction,
  { kind: 'abort' | 'hold' | 'release' | 'promote' }
>;

/** A Rollout rewritten this often while we lift our hold is someone else's race: the loop retries. */
const RELEASE_ATTEMPTS = 3;

type Of<K extends RolloutAction['kind']> = Extract<RolloutAction, { kind: K }>;

/**
 * Executes one of abort | hold | release | promote in its cluster (issue 21 §3, §4), idempotently
 * (release-actions.ts): executing it again, after a crash or a lost answer, changes nothing
 * more. A Rollout that is gone needs nothing. Retryable API faults are thrown (KubeApiError) for
 * the loop to retry the whole step; an operation the Rollout's state refuses is logged and done,
 * since repeating it would be refused again.
 */
export async function executeRolloutAction(
  deps: ReleaseActionDeps,
  action: RolloutAction,
): Promise<void> {
  const kube = deps.kubeFor(action.cluster);
  switch (action.kind) {
    case 'abort':
      return executeAbort(kube, deps, action);
    case 'hold':
      return applyHold(kube, deps, action);
    case 'release':
      return releaseHold(kube, deps, action);
    case 'promote':
      return executePromote(kube, deps, action);
  }
}

/** The plugin's abort (spec §1.8), by the release; once, however often it is asked. */
async function executeAbort(kube: KubeClient, deps: ReleaseActionDeps, action: Of<'abort'>) {
  const rollout = await kube.find<Rollout>(rolloutPath(action.namespace, action.name));
  if (!rollout || rollout.status?.abort === true) return;
  await operateAsRelease(kube, deps, action, {
    operation: 'abort',
    via: action.reason,
    id: `release-${deps.release}-${action.cluster}-abort`,
  });
}

/**
 * Promotes past the pause at `stepIndex` and no other: the operation is bound to that step, so
 * a promote planned from a stale reading is refused rather than applied to a later pause, and its
 * id names the release, cluster and step, so a repeat acts once.
 */
function executePromote(kube: KubeClient, deps: ReleaseActionDeps, action: Of<'promote'>) {
  return operateAsRelease(kube, deps, action, {
    operation: 'promote',
    via: `lockstep in ${action.cluster}`,
    id: `release-${deps.release}-${action.cluster}-step${action.stepIndex}`,
    expected: { stepIndex: action.stepIndex },
  });
}

/**
 * The operation as the plugin applies it (execute-operation.ts), by `release:<name>`. Done, a
 * repeat, or gone: nothing to say. Refused or stale: logged, and done all the same, since asking
 * again would be refused again.
 */
async function operateAsRelease(
  kube: KubeClient,
  deps: ReleaseActionDeps,
  action: RolloutAction,
  op: Pick<OperationRequest, 'operation' | 'via' | 'id' | 'expected'>,
): Promise<void> {
  const result = await executeOperation(
    { kube, now: () => deps.now() },
    { namespace: action.namespace, name: action.name, actor: `release:${deps.release}`, ...op },
  );
  if (result.outcome !== 'refused' && result.outcome !== 'stale') return;
  deps.log?.(
    `release ${deps.release}: ${action.kind} ${action.cluster}/${action.namespace}/${action.name} not applied: ${result.reason}`,
  );
}

/** Writes the release's mark on the Rollout, unless the very same mark is there already. */
async function applyHold(kube: KubeClient, deps: ReleaseActionDeps, action: Of<'hold'>) {
  const path = rolloutPath(action.namespace, action.name);
  const rollout = await kube.find<Rollout>(path);
  if (!rollout) return;
  const mark: ReleaseHoldMark = {
    mode: action.mode,
    release: deps.release,
    reason: action.reason,
    ...(action.until !== undefined ? { until: action.until } : {}),
  };
  // Fields in one order, so the same hold is the same text and is not written again.
  const value = JSON.stringify(mark);
  if (rollout.metadata.annotations?.[OWN.releaseHold] === value) return;
  await kube.mergePatch(path, { metadata: { annotations: { [OWN.releaseHold]: value } } });
}

/**
 * Removes the mark if this release put it there. A newer release's hold, or one that does not
 * parse (whose owner cannot be told), is not ours to lift. Guarded by the resourceVersion read,
 * so a mark written in between is never removed unread: a conflict reads again.
 */
async function releaseHold(kube: KubeClient, deps: ReleaseActionDeps, action: Of<'release'>) {
  const path = rolloutPath(action.namespace, action.name);
  for (let attempt = 1; ; attempt++) {
    const rollout = await kube.find<Rollout>(path);
    if (rollout?.metadata.annotations?.[OWN.releaseHold] === undefined) return;
    const mark = parseReleaseHold(rollout.metadata.annotations?.[OWN.releaseHold]);
    if (mark?.release !== deps.release) return;
    try {
      await kube.mergePatch(path, {
        metadata: {
          resourceVersion: rollout.metadata.resourceVersion,
          annotations: { [OWN.releaseHold]: null },
        },
      });
      return;
    } catch (e) {
      if (!(e instanceof KubeApiError && e.isConflict) || attempt >= RELEASE_ATTEMPTS) throw e;
    }
  }
}
