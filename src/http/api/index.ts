export type { ApiOptions } from './api-options.js';
export { apiRoutes } from './api-routes.js';
