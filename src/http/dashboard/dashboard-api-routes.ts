import { Hono } from 'hono';
import type { KubeClient } from '../../adapters/kube/index.js';
import { ALL_NAMESPACES } from '../../controller/load-rollout-info.js';
import { apiErrorResponse, rolloutNotFound } from '../api/api-errors.js';
import { parseName } from '../api/api-input.js';
import { loadCards, loadRolloutDetail } from './load-views.js';

export type { RolloutCardExtra } from './load-views.js';

export interface DashboardApiOptions {
  kube: KubeClient;
  now: () => number;
}

/**
 * Two reads the dashboard needs that the upstream-shaped `/info` JSON lacks (mounted at `/api/v1`,
 * behind the same bearer guard): `GET /rollouts/{ns|_all}/cards` (images and actual weight per
 * Rollout, for the list) and `GET /rollouts/{ns}/{name}/detail` (steps, containers and the
 * AnalysisRuns' measurements, for the Rollout page and its charts).
 */
export function dashboardApiRoutes(opts: DashboardApiOptions): Hono {
  const api = new Hono();
  api.onError((e, c) => apiErrorResponse(c, e));

  api.get('/rollouts/:ns/cards', async (c) => {
    const raw = c.req.param('ns');
    const ns = raw === ALL_NAMESPACES ? undefined : parseName(raw, 'namespace');
    return c.json({ rollouts: await loadCards(opts.kube, ns, opts.now()) });
  });

  api.get('/rollouts/:ns/:name/detail', async (c) => {
    const ns = parseName(c.req.param('ns'), 'namespace');
    const name = parseName(c.req.param('name'), 'rollout name');
    const detail = await loadRolloutDetail(opts.kube, ns, name);
    return detail ? c.json(detail) : rolloutNotFound(c, name);
  });

  return api;
}
