export { aPod } from './pod.js';
export { aReplicaSet, templateHashOf } from './replica-set.js';
export { aBlueGreen, aCanary, aRollout, DEFAULT_STEPS, type RolloutOverrides } from './rollout.js';
export { aService } from './service.js';
