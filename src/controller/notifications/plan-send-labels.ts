import { triggerNameOf } from '../../core/notifications/index.js';
import type { RolloutEvent } from '../../core/rollout/plan-types.js';
import type { SendLabels } from './outbox.js';

/**
 * Upstream's metric labels for a notification of `trigger`: the event that fired it (its type
 * and reason). A custom trigger no event is named after keeps its own name as the reason. Pure.
 */
export function planSendLabels(
  rollout: { namespace: string; name: string },
  events: readonly RolloutEvent[],
  trigger: string,
): SendLabels {
  const event = events.find((e) => triggerNameOf(e.reason) === trigger);
  return {
    namespace: rollout.namespace,
    name: rollout.name,
    type: event?.type ?? '',
    reason: event?.reason ?? trigger,
  };
}
