export { parseMetricDuration, type ParsedDuration } from './durations.js';
export {
  SPEC_INVALID_PREFIX,
  validateMetric,
  validateMetrics,
  validateRunSpec,
} from './validate-run.js';
export { dryRunMetricNames, measurementLimits, type Checked } from './metric-rules.js';
export {
  DEFAULT_CONSECUTIVE_ERROR_LIMIT,
  DEFAULT_MEASUREMENT_HISTORY_LIMIT,
  ERROR_RETRY_INTERVAL_MS,
  effectiveCount,
} from './metric-fields.js';
export { dueMeasurements, nextMeasurementAt, type DueMeasurement } from './schedule.js';
export { phaseFromConditions, type ConditionVerdict, type Evaluate } from './conditions.js';
export { applyOutcome } from './record.js';
export { trimMeasurements, type TrimmedMetric } from './retention.js';
export { isTerminating } from './terminating.js';
export { assessMetric, assessRun, isWorse, limitBreach, type RunAssessment } from './assess.js';
export {
  TERMINATED_OUTCOME,
  buildErrorStatus,
  completeRunStep,
  planRunStep,
  type RunStepResult,
} from './step-run.js';
export { ttlExpired, ttlExpiresAt } from './ttl.js';
export { redactRunStatus } from './redact-status.js';
