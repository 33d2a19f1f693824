import { Hono } from 'hono';
import type { ApiOptions } from './api-options.js';
import { apiErrorResponse } from './api-errors.js';
import { freezeRoutes } from './freeze-routes.js';
import { infoRoutes } from './info-routes.js';
import { operationRoutes } from './operation-routes.js';
import { releaseRoutes } from './release-routes.js';

/**
 * The REST API of the CLI and dashboard (DESIGN §4, spec §5), mounted at `/api/v1` behind the
 * bearer-token guard: the upstream dashboard's paths, answered straight from the Kubernetes API.
 */
export function apiRoutes(opts: ApiOptions): Hono {
  const api = new Hono();
  api.onError((e, c) => apiErrorResponse(c, e));
  api.route('/', infoRoutes(opts));
  api.route('/', operationRoutes(opts));
  api.route('/', freezeRoutes(opts));
  api.route('/', releaseRoutes(opts));
  return api;
}
