import { Hono } from 'hono';
import type { KubeClient } from '../../adapters/kube/index.js';
import { apiErrorResponse } from './api-errors.js';
import { infoRoutes } from './info-routes.js';
import { operationRoutes } from './operation-routes.js';

export interface ApiOptions {
  kube: KubeClient;
  now: () => number;
  version: string;
  runtime: 'node' | 'workers';
  /** What `GET /api/v1/namespace` offers first (the dashboard's initial namespace). Default `default`. */
  namespace?: string;
  /** The `…/info/watch` streams' poll interval (default 1000 ms) and length (default 300 polls). */
  watchIntervalMs?: number;
  watchMaxPolls?: number;
}

/**
 * The REST API of the CLI and dashboard (DESIGN §4, spec §5), mounted at `/api/v1` behind the
 * bearer-token guard: the upstream dashboard's paths, answered straight from the Kubernetes API.
 */
export function apiRoutes(opts: ApiOptions): Hono {
  const api = new Hono();
  api.onError((e, c) => apiErrorResponse(c, e));
  api.route('/', infoRoutes(opts));
  api.route('/', operationRoutes(opts));
  return api;
}
