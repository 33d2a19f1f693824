import { Hono } from 'hono';
import { analysisRunPath, type KubeClient, replicaSetPath, rolloutPath, listOrEmpty } from '../../adapters/kube/index.js';
import { ALL_NAMESPACES } from '../../controller/load-rollout-info.js';
import { buildRolloutInfo } from '../../core/rollout-info/index.js';
import type { AnalysisRun, ReplicaSet, Rollout } from '../../domain/index.js';
import { apiErrorResponse, rolloutNotFound } from '../api/api-errors.js';
import { parseName } from '../api/api-input.js';
import { buildRolloutDetail } from './rollout-detail.js';

export interface DashboardApiOptions {
  kube: KubeClient;
  now: () => number;
}

/** What a card of the list shows beyond the summary: the images and the actual weight. */
export interface RolloutCardExtra {
  namespace: string;
  name: string;
  images: Array<{ image: string; tags: string[] }>;
  actualWeight?: number;
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
    const [rollouts, replicaSets] = await Promise.all([opts.kube.list<Rollout>(rolloutPath(ns)), listOrEmpty<ReplicaSet>(opts.kube, replicaSetPath(ns))]);
    const now = opts.now();
    const cards = rollouts.items.map((rollout): RolloutCardExtra => {
      const mine = replicaSets.filter((rs) => rs.metadata.namespace === rollout.metadata.namespace);
      const info = buildRolloutInfo({ rollout, replicaSets: mine, pods: [], analysisRuns: [], now });
      return { namespace: info.namespace, name: info.name, images: info.images, ...(info.actualWeight !== undefined ? { actualWeight: info.actualWeight } : {}) };
    });
    return c.json({ rollouts: cards });
  });

  api.get('/rollouts/:ns/:name/detail', async (c) => {
    const ns = parseName(c.req.param('ns'), 'namespace');
    const name = parseName(c.req.param('name'), 'rollout name');
    const rollout = await opts.kube.find<Rollout>(rolloutPath(ns, name));
    if (!rollout) return rolloutNotFound(c, name);
    const runs = await listOrEmpty<AnalysisRun>(opts.kube, analysisRunPath(ns));
    return c.json(buildRolloutDetail(rollout, runs));
  });

  return api;
}

