/** The sweep's Rollout decisions, under the names the Workers runtime first gave them. */
export {
  isRolloutResyncNeeded as isResyncNeeded,
  planRolloutWakes as planSweepPage,
} from '../../controller/dispatch/plan-resync.js';
