import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startNodeServer } from '../../src/runtime/node/index.js';
import type { KubeConnection } from '../../functions/node-kube.js';
import { startDevCluster, type DevCluster } from '../../src/devcluster/index.js';
import type { Rollout } from '../../src/domain/index.js';
import { loadCrds } from '../manifests/helpers.js';
import { aRollout } from './builders/index.js';
import { type FaultCounts, startFaultProxy } from './fault-proxy.js';
import { waitFor } from './wait-for.js';

/**
 * One canary with analysis, run by the Node runtime (relay, hook, scheduler, timers: the same
 * composition as `npm start`) against a devcluster behind the fault proxy, on wall-clock time.
 * Setting up and the user's image change go straight to the devcluster; from the image change
 * until the Rollout is Healthy on the new revision, `faultRate` of the controller's requests
 * fail. Shared by the scenario test and the benchmark.
 */
export interface CanaryRun {
  /** From the image change until Healthy on the new revision. */
  ms: number;
  /** From the image change until the status shows the new revision (the controller noticed). */
  noticedMs: number;
  rollout: Rollout;
  /** Messages of the RolloutStepCompleted events of the update, by step number. */
  stepEvents: string[];
  analysisPhases: string[];
  /** ReplicaSet sizes of the Rollout, newest revision first. */
  replicaSets: number[];
  proxy: FaultCounts;
}

export interface CanaryRunOptions {
  faultRate: number;
  seed: number;
  /** Each of the three timed pauses. Default 1. */
  pauseSeconds?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** The canary's steps: what its RolloutStepCompleted events name. */
export function canarySteps(pauseSeconds = 1, metricUrl = '') {
  const pause = { pause: { duration: `${pauseSeconds}s` } };
  const analysis = {
    analysis: {
      templates: [{ templateName: 'success-rate' }],
      args: [{ name: 'url', value: metricUrl }],
    },
  };
  return [{ setWeight: 25 }, pause, analysis, { setWeight: 50 }, pause, { setWeight: 75 }, pause];
}

const NS = 'default';
const NAME = 'shop';

export async function runCanaryThroughFaults(opts: CanaryRunOptions): Promise<CanaryRun> {
  const cleanup: Array<() => Promise<unknown>> = [];
  try {
    const metrics = await serveMetric();
    cleanup.push(() => new Promise((r) => metrics.server.close(r)));
    const cluster = await startDevCluster({ host: '127.0.0.1', port: 0, podReadySeconds: 0.2 });
    cleanup.push(() => cluster.close());
    const crdDef = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
    for (const crd of loadCrds()) cluster.api.create(crdDef, undefined, crd);
    const log = opts.log ?? (() => undefined);
    const proxy = await startFaultProxy({
      target: cluster.url,
      rate: 0,
      seed: opts.seed,
      onFault: (f, method, path) => log(`fault proxy: ${f} for ${method} ${path}`),
    });
    cleanup.push(() => proxy.close());
    const kube: KubeConnection = {
      server: proxy.url,
      context: 'fault-proxy',
      fetch: (path, init) => fetch(`${proxy.url}${path}`, init),
    };
    const node = await startNodeServer({ port: 0, kube, log });
    cleanup.push(() => node.close());

    const def = (plural: string) => cluster.api.resource('argoproj.io', 'v1alpha1', plural);
    cluster.api.create(def('analysistemplates'), NS, anAnalysisTemplate());
    cluster.api.create(
      def('rollouts'),
      NS,
      aShopRollout(canarySteps(opts.pauseSeconds, metrics.url)),
    );
    const get = () => cluster.api.get(def('rollouts'), NS, NAME) as unknown as Rollout;
    const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
    await until(() => isHealthyOnCurrent(get()), deadline, 'first revision Healthy');
    const firstHash = get().status?.currentPodHash;

    proxy.setRate(opts.faultRate);
    log('image change');
    const started = performance.now();
    cluster.api.patch(def('rollouts'), NS, NAME, 'merge', {
      spec: {
        template: { spec: { containers: [{ name: 'web', image: 'registry.example/shop:v2' }] } },
      },
    });
    await until(() => get().status?.currentPodHash !== firstHash, deadline, 'update noticed');
    const noticedMs = performance.now() - started;
    await until(() => isHealthyOnCurrent(get()), deadline, 'update Healthy');
    const ms = performance.now() - started;
    proxy.setRate(0);
    return {
      ms,
      noticedMs,
      rollout: get(),
      ...observe(cluster),
      proxy: structuredClone(proxy.counts),
    };
  } finally {
    for (const c of cleanup.reverse()) await c();
  }
}

function isHealthyOnCurrent(r: Rollout): boolean {
  const s = r.status;
  return (
    s?.phase === 'Healthy' &&
    s.observedGeneration === String(r.metadata.generation) &&
    s.stableRS === s.currentPodHash
  );
}

function observe(
  cluster: DevCluster,
): Pick<CanaryRun, 'stepEvents' | 'analysisPhases' | 'replicaSets'> {
  type Event = { reason?: string; message?: string; involvedObject?: { name?: string } };
  const events = cluster.api.list(cluster.api.resource('', 'v1', 'events'), NS, {})
    .items as unknown as Event[];
  const stepNumber = (m: string) => Number(/step (\d+)\//.exec(m)?.[1] ?? 0);
  const stepEvents = events
    .filter((e) => e.reason === 'RolloutStepCompleted' && e.involvedObject?.name === NAME)
    .map((e) => e.message ?? '')
    .sort((a, b) => stepNumber(a) - stepNumber(b));
  const runs = cluster.api.list(
    cluster.api.resource('argoproj.io', 'v1alpha1', 'analysisruns'),
    NS,
    {},
  ).items as unknown as Array<{ status?: { phase?: string } }>;
  type RS = { metadata: { annotations?: Record<string, string> }; spec: { replicas?: number } };
  const rss = cluster.api.list(cluster.api.resource('apps', 'v1', 'replicasets'), NS, {})
    .items as unknown as RS[];
  const revision = (rs: RS) =>
    Number(rs.metadata.annotations?.['rollout.argoproj.io/revision'] ?? 0);
  return {
    stepEvents,
    analysisPhases: runs.map((r) => r.status?.phase ?? ''),
    replicaSets: rss.sort((a, b) => revision(b) - revision(a)).map((rs) => rs.spec.replicas ?? 0),
  };
}

/** Polls until `check` holds; past the deadline, says which stage it was waiting for. */
async function until(check: () => boolean, deadline: number, what: string): Promise<void> {
  await waitFor(check, deadline - Date.now()).catch(() => {
    throw new Error(`canary through faults: ${what} not reached in time`);
  });
}

async function serveMetric(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { successRate: 0.99 } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics` };
}

function anAnalysisTemplate() {
  const metric = {
    name: 'success-rate',
    interval: '1s',
    count: 2,
    successCondition: 'result >= 0.95',
    failureLimit: 0,
    provider: { web: { url: '{{args.url}}', jsonPath: '{$.data.successRate}' } },
  };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: 'success-rate' },
    spec: { args: [{ name: 'url' }], metrics: [metric] },
  };
}

function aShopRollout(steps: unknown[]) {
  return aRollout({
    name: NAME,
    namespace: NS,
    steps,
    spec: {
      replicas: 4,
      template: {
        metadata: { labels: { app: NAME } },
        spec: { containers: [{ name: 'web', image: 'registry.example/shop:v1' }] },
      },
    },
  });
}
