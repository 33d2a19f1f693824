export { planExperiment } from './plan-experiment.js';
export {
  assessExperimentPhase,
  isExperimentTerminating,
  requiredAnalysesSuccessful,
} from './experiment-phase.js';
export { durationEndsAt, parseExperimentDuration, passedDuration } from './experiment-duration.js';
export {
  buildTemplateReplicaSet,
  desiredTemplateReplicas,
  findTemplateReplicaSet,
  templateHash,
  templateReplicaSetName,
} from './template-replica-set.js';
export { buildTemplateService, templateServiceName } from './template-services.js';
export { collectExperimentTemplates, experimentRunName } from './experiment-analyses.js';
export { experimentPlaceholders, resolveExperimentArgs } from './experiment-args.js';
export { progressDeadlineMessage } from './template-status.js';
export type * from './experiment-types.js';
