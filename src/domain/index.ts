export * from './keys.js';
export type * from './objects.js';
export type * from './rollout.js';
export type * from './analysis.js';
