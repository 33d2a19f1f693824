export { apiRoutes, type ApiOptions } from './api-routes.js';
