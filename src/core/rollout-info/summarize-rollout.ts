import { DEFAULTS, type Rollout } from '../../domain/index.js';
import { currentSetWeight } from '../rollout/replicas/desired-weight.js';
import { stepsOf } from '../rollout/steps.js';
import { rolloutIcon } from './icons.js';
import { assessRolloutStatus } from './rollout-status.js';
import type { RolloutSummary, Strategy } from './types.js';

export function strategyOf(rollout: Rollout): Strategy {
  if (rollout.spec.strategy?.canary) return 'Canary';
  if (rollout.spec.strategy?.blueGreen) return 'BlueGreen';
  return 'Unknown';
}

/** What `list rollouts` shows of one Rollout: read from the Rollout object alone (spec §5). */
export function summarizeRollout(rollout: Rollout): RolloutSummary {
  const { status, message } = assessRolloutStatus(rollout);
  const strategy = strategyOf(rollout);
  const steps = stepsOf(rollout);
  const index = rollout.status?.currentStepIndex;
  const s = rollout.status ?? {};
  return {
    name: rollout.metadata.name,
    namespace: rollout.metadata.namespace ?? '',
    strategy,
    status,
    message,
    icon: rolloutIcon(status),
    ...(strategy === 'Canary' && index !== undefined && steps.length > 0
      ? { step: `${index}/${steps.length}` }
      : {}),
    ...(strategy === 'Canary' ? { setWeight: currentSetWeight(rollout) } : {}),
    desired: rollout.spec.replicas ?? DEFAULTS.replicas,
    current: s.replicas ?? 0,
    updated: s.updatedReplicas ?? 0,
    ready: s.readyReplicas ?? 0,
    available: s.availableReplicas ?? 0,
  };
}
