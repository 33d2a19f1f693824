import {
  type KubeClient,
  KubeApiError,
  rolloutPath,
  rolloutStatusPath,
} from '../adapters/kube/index.js';
import {
  type AttemptHistory,
  buildBinding,
  buildOperationIds,
  buildOperationRecord,
  buildSeenState,
  isRecordedOperation,
  OPERATION_COMMANDS,
  OPERATION_EVENT_REASONS,
  type OperationWrite,
  planBoundAttempt,
  type RolloutOperation,
  type SeenState,
  type StateBinding,
  specPart,
  statusPart,
} from '../core/rollout/operations/index.js';
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
  /** The state the caller saw and meant the operation for; what it leaves out is bound to the first read. */
  expected?: SeenState;
}

export type OperationOutcome =
  | { outcome: 'done'; summary: string; warning?: string }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'stale'; reason: string; current: SeenState }
  | { outcome: 'not-found' }
  | { outcome: 'duplicate' };

export interface OperationDeps {
  kube: KubeClient;
  now: () => number;
}

/** As the plugin does for its read-modify-write commands (spec §1.8 `set image`). */
const MAX_ATTEMPTS = 5;

/**
 * Applies one lifecycle operation as the `kubectl argo rollouts` plugin would (spec §1.8), bound to
 * the state its caller saw (issue 15, `buildBinding`): read the Rollout, check it still shows that
 * step index and pod hash, plan, write the spec part with our bookkeeping (the state applied to,
 * the idempotency id) in one metadata write, then the status part to `/status`, each guarded by
 * resourceVersion. A conflict is retried, up to {@link MAX_ATTEMPTS} times, only into the same
 * writes on the same state (`planBoundAttempt`): otherwise the operation is `stale` and nothing
 * (more) is written. Conflicts past the last attempt and other API failures are thrown as
 * `KubeApiError`s.
 */
export async function executeOperation(
  deps: OperationDeps,
  req: OperationRequest,
): Promise<OperationOutcome> {
  // One instant for every attempt, so a retried restart plans the same restartAt.
  const now = deps.now();
  const options = req.restartInMs !== undefined ? { restartInMs: req.restartInMs } : {};
  const history: AttemptHistory = { firstWritten: false, specWritten: false };
  let binding: StateBinding | undefined;
  for (let attempt = 1; ; attempt++) {
    const rollout = await deps.kube.find<Rollout>(rolloutPath(req.namespace, req.name));
    if (!rollout) return { outcome: 'not-found' };
    if (!history.firstWritten && req.id !== undefined && isRecordedOperation(rollout, req.id))
      return { outcome: 'duplicate' };
    binding ??= buildBinding(rollout, req.expected, now, req.operation);
    const step = planBoundAttempt(rollout, req.operation, now, options, binding, history);
    if (step.next === 'refused') return { outcome: 'refused', reason: step.reason };
    if (step.next === 'stale') {
      // Our spec part already landed: say what happened rather than pretend nothing did.
      if (history.specWritten && history.first)
        return finish(
          deps,
          req,
          rollout,
          `${history.first.summary}, in part only: ${step.reason}`,
          now,
        );
      return {
        outcome: 'stale',
        reason: `${step.reason}; nothing was changed`,
        current: buildSeenState(rollout),
      };
    }
    const plan = (history.first ??= step.plan);
    try {
      let resourceVersion = rollout.metadata.resourceVersion;
      if (!history.firstWritten) {
        const spec = specPart(plan);
        const record = buildOperationRecord(binding.seen, deps.now(), req.operation);
        const written = await deps.kube.mergePatch<Rollout>(
          rolloutPath(req.namespace, req.name),
          firstWrite(rollout, req, spec, record),
        );
        resourceVersion = written.metadata.resourceVersion;
        history.firstWritten = true;
        history.specWritten = spec !== undefined;
        // Our own spec write moves the generation; only someone else's counts as moving on.
        binding = { ...binding, generation: written.metadata.generation ?? binding.generation };
      }
      const status = statusPart(plan);
      let latest = rollout;
      if (status)
        latest = await deps.kube.mergePatch<Rollout>(rolloutStatusPath(req.namespace, req.name), {
          ...status.patch,
          metadata: { resourceVersion },
        });
      const done = await finish(deps, req, latest, plan.summary, now);
      return plan.warning ? { ...done, warning: plan.warning } : done;
    } catch (e) {
      if (!(e instanceof KubeApiError && e.isConflict) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

/**
 * The guarded write to the Rollout object: the plan's spec part, the state it is applied to and
 * when (so a request that arrived before this one landed is bound to that state), and with an id,
 * the id recorded.
 */
function firstWrite(
  rollout: Rollout,
  req: OperationRequest,
  spec: OperationWrite | undefined,
  record: string,
): Record<string, unknown> {
  const specMeta = (spec?.patch.metadata ?? {}) as { annotations?: Record<string, string> };
  const annotations = {
    ...specMeta.annotations,
    [OWN.lastOperation]: record,
    ...(req.id !== undefined ? { [OWN.operations]: buildOperationIds(rollout, req.id) } : {}),
  };
  return {
    ...spec?.patch,
    metadata: { ...specMeta, resourceVersion: rollout.metadata.resourceVersion, annotations },
  };
}

async function finish(
  deps: OperationDeps,
  req: OperationRequest,
  rollout: Rollout,
  summary: string,
  now: number,
): Promise<OperationOutcome & { outcome: 'done' }> {
  const command = OPERATION_COMMANDS[req.operation];
  const message = `${command} requested by ${req.actor}${req.via ? ` (${req.via})` : ''}: ${summary}`;
  // Its name is a digest of the Rollout's version and the message (record-events.ts): it cannot
  // take the name of an event a reconcile records, and a repeated create is a no-op.
  await recordEvents(
    deps.kube,
    rollout,
    [{ type: 'Normal', reason: OPERATION_EVENT_REASONS[req.operation], message }],
    now,
  );
  return { outcome: 'done', summary };
}
