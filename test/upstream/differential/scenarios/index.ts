import type { Scenario } from '../harness.js';
import { ANALYSIS } from './analysis.js';
import { BLUE_GREEN } from './blue-green.js';
import { CANARY } from './canary.js';
import { EXPERIMENTS } from './experiments.js';
import { INVALID_SPEC } from './invalid-spec.js';
import { LIFECYCLE } from './lifecycle.js';
import { OPERATIONS } from './operations.js';
import { TRAFFIC } from './traffic.js';

/** The differential catalogue (issue 17 deliverable 3), by category. */
export const SCENARIOS: Scenario[] = [
  ...CANARY,
  ...OPERATIONS,
  ...ANALYSIS,
  ...BLUE_GREEN,
  ...LIFECYCLE,
  ...TRAFFIC,
  ...EXPERIMENTS,
  ...INVALID_SPEC,
];
