export { dashboardRoutes, type DashboardOptions } from './dashboard-routes.js';
export {
  dashboardApiRoutes,
  type DashboardApiOptions,
  type RolloutCardExtra,
} from './dashboard-api-routes.js';
export { watchTokenAuth } from './watch-token.js';
export { buildRolloutDetail, type RolloutDetail } from './rollout-detail.js';
