export * from './operation.js';
export { buildOperationIds, isRecordedOperation, OPERATION_ID_LIMIT } from './operation-ids.js';
export { parseOperation } from './parse-operation.js';
export { planOperation, type OperationOptions } from './plan-operation.js';
export { ALL_CONTAINERS, planSetImage } from './plan-set-image.js';
export { planUndo, type TemplateReplace, type UndoPlan, type UndoTarget } from './plan-undo.js';
