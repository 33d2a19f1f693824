export { parseFleetConfig, type FleetConfigResult } from './fleet-config.js';
export { parseSourceWaves, findWaveProblems, type SourceWaves } from './wave-config.js';
export { parseCron, isCronDay, type CronSchedule, type ParsedCron } from './cron.js';
export {
  assessWindow,
  WINDOW_HORIZON_MS,
  type WindowAssessment,
  type WindowTarget,
} from './windows.js';
export { assessGate, isStopped, type Gate } from './release-gates.js';
export { planRelease, initialReleaseStatus, type ReleasePlan } from './release-plan.js';
export {
  buildReleaseReport,
  type ReleaseAction,
  type ReleaseReport,
  type WaveState,
} from './release-actions.js';
export { computeDeliveryFigures, type DeliveryFigures } from './delivery-figures.js';
