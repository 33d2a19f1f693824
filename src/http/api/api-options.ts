import type { KubeClient } from '../../adapters/kube/index.js';
import type { FleetClusters } from '../../controller/fleet/fleet-clusters.js';

/** What the REST API is built from; the route files take it without importing the router. */
export interface ApiOptions {
  kube: KubeClient;
  /** The fleet's home cluster, where Release objects live (issue 21 §2); default `kube`. */
  homeKube?: KubeClient;
  /**
   * The fleet, on the controller that holds it (issue 21): `/freeze` then writes a stop switch
   * into every cluster it covers. Absent: one cluster, `kube`'s.
   */
  fleet?: FleetClusters;
  now: () => number;
  version: string;
  runtime: 'node' | 'workers';
  /** What `GET /api/v1/namespace` offers first (the dashboard's initial namespace). Default `default`. */
  namespace?: string;
  /** The `…/info/watch` streams' poll interval (default 1000 ms) and length (default 300 polls). */
  watchIntervalMs?: number;
  watchMaxPolls?: number;
}
