export type * from './types.js';
export { ICONS, type Icon, analysisIcon, podIcon, replicaSetIcon, rolloutIcon } from './icons.js';
export { assessRolloutStatus, isGenerationObserved, isUnpausing } from './rollout-status.js';
export { strategyOf, summarizeRollout } from './summarize-rollout.js';
export { buildRolloutInfo, type ObservedRolloutObjects } from './build-rollout-info.js';
export { buildExperimentInfo, type ExperimentView } from './experiment-info.js';
