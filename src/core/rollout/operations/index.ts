export * from './operation.js';
export { buildOperationIds, isRecordedOperation, OPERATION_ID_LIMIT } from './operation-ids.js';
export { parseOperation } from './parse-operation.js';
export { planOperation, type OperationOptions } from './plan-operation.js';
export { ALL_CONTAINERS, planSetImage } from './plan-set-image.js';
export { planUndo, type TemplateReplace, type UndoPlan, type UndoTarget } from './plan-undo.js';
export {
  assessBinding,
  buildBinding,
  buildSeenState,
  isSamePlan,
  parseSeenState,
  REACTION_MS,
  type StateBinding,
} from './state-binding.js';
export type { SeenState } from './seen-state.js';
export {
  type AttemptHistory,
  type BoundAttempt,
  planBoundAttempt,
  specPart,
  statusPart,
} from './plan-bound-attempt.js';
export {
  buildOperationRecord,
  type OperationRecord,
  parseOperationRecord,
} from './operation-record.js';
