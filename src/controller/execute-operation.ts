import { type KubeClient, KubeApiError, rolloutPath, rolloutStatusPath } from '../adapters/kube/index.js';
import { buildOperationIds, isRecordedOperation, OPERATION_COMMANDS, OPERATION_EVENT_REASONS, type OperationWrite, planOperation, type RolloutOperation } from '../core/rollout/operations/index.js';
import { OWN, type Rollout } from '../domain/index.js';
import { recordEvents } from './record-events.js';

export interface OperationRequest {
  namespace: string;
  name: string;
  operation: RolloutOperation;
  /** Who asked, e.g. `github:alice`. */
  actor: string;
  /** Through what, e.g. `comment https://github.com/…`. */
  via?: string;
  /** Idempotency key, e.g. `github-comment-12345`: a request with a recorded id is not applied again. */
  id?: string;
  /** `restart --in`: restart the pods this long after now. */
  restartInMs?: number;
}

export type OperationOutcome = { outcome: 'done'; summary: string } | { outcome: 'refused'; reason: string } | { outcome: 'not-found' } | { outcome: 'duplicate' };

export interface OperationDeps {
  kube: KubeClient;
  now: () => number;
}

/** As the plugin does for its read-modify-write commands (spec §1.8 `set image`). */
const MAX_ATTEMPTS = 5;

/**
 * Applies one lifecycle operation as the `kubectl argo rollouts` plugin would (spec §1.8): read the
 * Rollout, plan, write the spec part (with the idempotency id in the same metadata write), then the
 * status part to `/status`. Both writes are guarded by resourceVersion; on a conflict the Rollout is
 * read and planned again, up to {@link MAX_ATTEMPTS} times. Once the first write has landed only the
 * status part is retried, re-planned on the fresh object, so the operation acts once. Conflicts past
 * the last attempt and other API failures are thrown as `KubeApiError`s.
 */
export async function executeOperation(deps: OperationDeps, req: OperationRequest): Promise<OperationOutcome> {
  let firstWritten = false;
  let summary = '';
  for (let attempt = 1; ; attempt++) {
    const now = deps.now();
    const rollout = await deps.kube.find<Rollout>(rolloutPath(req.namespace, req.name));
    if (!rollout) return { outcome: 'not-found' };
    if (!firstWritten && req.id !== undefined && isRecordedOperation(rollout, req.id)) return { outcome: 'duplicate' };
    const plan = planOperation(rollout, req.operation, now, req.restartInMs !== undefined ? { restartInMs: req.restartInMs } : {});
    if ('refused' in plan) {
      if (!firstWritten) return { outcome: 'refused', reason: plan.refused };
      // The spec part landed and the fresh state needs no status part any more (someone else did it).
      return finish(deps, req, rollout, summary, now);
    }
    try {
      let resourceVersion = rollout.metadata.resourceVersion;
      if (!firstWritten) {
        // The summary of the plan whose first write lands describes the whole operation.
        summary = plan.summary;
        const first = firstWrite(rollout, req, plan.writes.find((w) => w.subresource === 'spec'));
        if (first) {
          resourceVersion = (await deps.kube.mergePatch<Rollout>(rolloutPath(req.namespace, req.name), first)).metadata.resourceVersion;
          firstWritten = true;
        }
      }
      const status = plan.writes.find((w) => w.subresource === 'status');
      let latest = rollout;
      if (status) latest = await deps.kube.mergePatch<Rollout>(rolloutStatusPath(req.namespace, req.name), { ...status.patch, metadata: { resourceVersion } });
      return finish(deps, req, latest, summary, now);
    } catch (e) {
      if (!(e instanceof KubeApiError && e.isConflict) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

/** The guarded write to the Rollout object: the plan's spec part and, with an id, the id recorded. */
function firstWrite(rollout: Rollout, req: OperationRequest, spec: OperationWrite | undefined): Record<string, unknown> | undefined {
  if (!spec && req.id === undefined) return undefined;
  const specMeta = (spec?.patch.metadata ?? {}) as { annotations?: Record<string, string> };
  const annotations = { ...specMeta.annotations, ...(req.id !== undefined ? { [OWN.operations]: buildOperationIds(rollout, req.id) } : {}) };
  return {
    ...spec?.patch,
    metadata: { ...specMeta, resourceVersion: rollout.metadata.resourceVersion, ...(Object.keys(annotations).length ? { annotations } : {}) },
  };
}

async function finish(deps: OperationDeps, req: OperationRequest, rollout: Rollout, summary: string, now: number): Promise<OperationOutcome> {
  const command = OPERATION_COMMANDS[req.operation];
  const message = `${command} requested by ${req.actor}${req.via ? ` (${req.via})` : ''}: ${summary}`;
  // The controller names its events `<rollout>.<ms in hex><index>`; half a millisecond later keeps
  // this one from taking the name of an event a reconcile records in the same millisecond.
  await recordEvents(deps.kube, rollout, [{ type: 'Normal', reason: OPERATION_EVENT_REASONS[req.operation], message }], now + 0.5);
  return { outcome: 'done', summary };
}

