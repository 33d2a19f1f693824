import type { KubeClient } from '../../adapters/kube/index.js';

/** What the REST API is built from; the route files take it without importing the router. */
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
