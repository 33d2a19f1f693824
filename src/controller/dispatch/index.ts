export {
  planBackoff,
  RECONCILE_BACKOFF,
  RELAY_BACKOFF,
  type BackoffPolicy,
} from './backoff-plan.js';
export { executeHint, loadOwners, type DispatchDeps, type DispatchResult } from './execute-hint.js';
export {
  executeResync,
  executeSweepPages,
  type PagesReport,
  type ResyncReport,
} from './execute-resync.js';
export {
  planDispatch,
  planReplicaSetOwners,
  planWorkloadRefOwners,
  type Dispatch,
} from './plan-dispatch.js';
export {
  isAnalysisRunResyncNeeded,
  isExperimentResyncNeeded,
  isRolloutResyncNeeded,
  planAnalysisRunWakes,
  planExperimentWakes,
  planResync,
  planRolloutWakes,
} from './plan-resync.js';
