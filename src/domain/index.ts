export * from './keys.js';
export * from './experiment-keys.js';
export * from './time.js';
export * from './go-duration.js';
export * from './phase.js';
export type * from './objects.js';
export type * from './rollout.js';
export type * from './analysis.js';
export type * from './experiment.js';
