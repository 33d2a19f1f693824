import { ClusterApi } from './api/cluster-api.js';
import { storageKey } from './api/resource-def.js';
import { bootstrapCluster } from './bootstrap.js';
import { isoTime } from '../domain/time.js';
import { type Clock, RealClock } from './clock.js';
import { BUILTIN_DEFS, establishedStatus, resourceDefsForCrd } from './kinds/index.js';
import { DevApiServer } from './server/http-server.js';
import { type Simulators, startSimulators } from './simulator/index.js';

export interface DevClusterOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  podReadySeconds?: number;
  /** Cluster-wide pod limit for the simulators (default 20,000). */
  maxPods?: number;
  clock?: Clock;
  /** Run the workload simulators (pods, jobs, endpoints…). Default true. */
  simulate?: boolean;
  /** How many change events watches can resume from before answering 410 Gone. */
  watchWindow?: number;
  /** How many bytes of changed objects (as JSON) the watch log keeps (default 16 MiB); older resourceVersions answer 410 Gone. */
  watchWindowBytes?: number;
  /** Milliseconds between periodic watch bookmarks (default 60,000, the API server's). */
  watchBookmarkIntervalMs?: number;
  log?: (line: string) => void;
}

export interface DevCluster {
  url: string;
  api: ClusterApi;
  simulators?: Simulators;
  close(): Promise<void>;
}

const CRD_KEY = 'apiextensions.k8s.io/customresourcedefinitions';

/**
 * The embedded Kubernetes API: in-memory API semantics, the HTTP server real clients talk to,
 * CRD registration, and the workload simulators. One call starts it all on loopback.
 */
export async function startDevCluster(opts: DevClusterOptions = {}): Promise<DevCluster> {
  const clock = opts.clock ?? new RealClock();
  const log = opts.log ?? (() => undefined);
  const api = new ClusterApi(clock, BUILTIN_DEFS, {
    ...(opts.watchWindow ? { logCapacity: opts.watchWindow } : {}),
    ...(opts.watchWindowBytes ? { logBytes: opts.watchWindowBytes } : {}),
    ...(opts.watchBookmarkIntervalMs
      ? { watchBookmarkIntervalMs: opts.watchBookmarkIntervalMs }
      : {}),
  });
  // A CRD write (re)registers its resources and reports Established; deleting it drops them and their objects.
  api.onWrite((def, type, obj) => {
    if (storageKey(def) !== CRD_KEY) return;
    const name = obj.metadata.name ?? '';
    const removed = api.registry.removeCrd(name);
    if (type === 'DELETED') {
      for (const r of removed)
        for (const o of api.store.list(storageKey(r)))
          api.store.remove(storageKey(r), o.metadata.namespace, o.metadata.name ?? '');
      return;
    }
    for (const d of resourceDefsForCrd(obj)) api.registry.add(d);
    const status = establishedStatus(obj, isoTime(clock.now()));
    const current = api.store.get(CRD_KEY, undefined, name);
    const conditionsSet =
      JSON.stringify(
        (current?.status as { acceptedNames?: unknown } | undefined)?.acceptedNames,
      ) === JSON.stringify(status.acceptedNames);
    if (current && !conditionsSet) {
      setImmediate(() => {
        const live = api.store.get(CRD_KEY, undefined, name);
        if (live) api.update(def, undefined, name, { ...live, status }, { subresource: 'status' });
      });
    }
  });
  bootstrapCluster(api);
  const simulators =
    opts.simulate === false
      ? undefined
      : startSimulators(api, {
          podReadySeconds: opts.podReadySeconds ?? 1,
          maxPods: opts.maxPods ?? 20_000,
          report: log,
        });
  const server = new DevApiServer(api, {
    ...(opts.host ? { host: opts.host } : {}),
    port: opts.port ?? 0,
    log,
  });
  const url = await server.listen();
  return {
    url,
    api,
    ...(simulators ? { simulators } : {}),
    async close() {
      simulators?.stop();
      await server.close();
    },
  };
}
