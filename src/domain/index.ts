export * from './keys.js';
export type * from './objects.js';
export type * from './rollout.js';
