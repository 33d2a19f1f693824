export * from './operation.js';
export { buildOperationIds, isRecordedOperation, OPERATION_ID_LIMIT } from './operation-ids.js';
export { parseOperation } from './parse-operation.js';
export { planOperation } from './plan-operation.js';
