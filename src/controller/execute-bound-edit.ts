import { KubeApiError, type KubeClient, rolloutPath } from '../adapters/kube/index.js';
import {
  assessBinding,
  buildBinding,
  buildSeenState,
  isSamePlan,
  type SeenState,
  type StateBinding,
} from '../core/rollout/operations/index.js';
import type { Rollout } from '../domain/index.js';
import { recordEvents } from './record-events.js';

/** Who asked and through what, as the operation events record it (`… requested by <actor> (<via>)`). */
export interface Requester {
  actor: string;
  via?: string;
}

export type EditOutcome =
  | { outcome: 'done'; summary: string }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'stale'; reason: string; current: SeenState }
  | { outcome: 'not-found' };

export interface EditDeps {
  kube: KubeClient;
  now: () => number;
}

/** One template edit (`set image`, `undo`) as the bound loop drives it. */
export interface BoundEdit<P> {
  /** The command as a person types it, for messages. */
  command: string;
  /** Plans the edit on this read of the Rollout (it may read more, e.g. the ReplicaSets). */
  plan(rollout: Rollout): Promise<P>;
  /** The outcome when the plan writes nothing (a refusal, a skip); undefined when it writes. */
  stop(plan: P): EditOutcome | undefined;
  /** What the plan writes, compared across attempts. */
  writes(plan: P): unknown;
  /** What the plan would do, for the message when a retry would do something else. */
  describe(plan: P): string;
  /** The write, guarded by the resourceVersion of `rollout`; answers the Rollout the event goes on. */
  write(rollout: Rollout, plan: P): Promise<Rollout>;
}

/** As the plugin retries its read-edit-write of `set image` (spec §1.8). */
const MAX_ATTEMPTS = 5;

/**
 * Read, check the binding (issue 15: the step index and pod hash the caller saw, the rest bound to
 * this first read), plan, write guarded by resourceVersion. A conflict is retried, up to
 * {@link MAX_ATTEMPTS} times, only while the state still matches and re-planning yields the same
 * writes; otherwise the edit is `stale` and nothing is written. Answers the plan that was written.
 */
export async function executeBoundEdit<P>(
  deps: EditDeps,
  ref: { namespace: string; name: string },
  expected: SeenState | undefined,
  edit: BoundEdit<P>,
): Promise<EditOutcome | { outcome: 'written'; plan: P; rollout: Rollout }> {
  const arrivedAt = deps.now();
  let binding: StateBinding | undefined;
  let first: P | undefined;
  for (let attempt = 1; ; attempt++) {
    const rollout = await deps.kube.find<Rollout>(rolloutPath(ref.namespace, ref.name));
    if (!rollout) return { outcome: 'not-found' };
    binding ??= buildBinding(rollout, expected, arrivedAt);
    const moved = assessBinding(rollout, binding);
    if (moved) return stale(rollout, moved);
    const plan = await edit.plan(rollout);
    if (first === undefined) {
      const stop = edit.stop(plan);
      if (stop) return stop;
      first = plan;
    } else if (!isSamePlan(edit.writes(plan), edit.writes(first))) {
      return stale(
        rollout,
        `rollout ${ref.name} changed while ${edit.command} was being applied: it would now ${edit.describe(plan)}`,
      );
    }
    try {
      return { outcome: 'written', plan: first, rollout: await edit.write(rollout, first) };
    } catch (e) {
      if (!(e instanceof KubeApiError && e.isConflict) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

function stale(rollout: Rollout, reason: string): EditOutcome {
  return {
    outcome: 'stale',
    reason: `${reason}; nothing was changed`,
    current: buildSeenState(rollout),
  };
}

export function describeRequester(who: Requester): string {
  return `${who.actor}${who.via ? ` (${who.via})` : ''}`;
}

/** A Normal event on the Rollout saying who asked for what; best effort, like the operations' events. */
export function recordRequest(
  deps: EditDeps,
  rollout: Rollout,
  reason: string,
  message: string,
): Promise<void> {
  // Half a millisecond off the controller's own event names (see executeOperation).
  return recordEvents(deps.kube, rollout, [{ type: 'Normal', reason, message }], deps.now() + 0.5);
}
