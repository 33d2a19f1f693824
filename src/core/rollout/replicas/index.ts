export * from './approximate.js';
export * from './basic-canary.js';
export * from './canary-counts.js';
export * from './desired-weight.js';
export * from './fenceposts.js';
export * from './progress.js';
export * from './rs-counts.js';
export * from './traffic-routed.js';
