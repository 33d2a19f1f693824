/**
 * `npm run bench`: devcluster speed and memory. Reports medians (machines are noisy) and the
 * ratios that matter: indexed vs scanned label lists, and heap per stored object.
 */
import { startDevCluster } from '../src/devcluster/index.js';
import { benchBigRollout } from './big-rollout.js';
import { benchController } from './controller.js';
import { benchControllerFootprint } from './controller-footprint.js';
import { benchFaults } from './faults.js';
import { benchGitOps } from './gitops.js';
import { benchRealBackend } from './real-backend.js';
import { benchRuntime } from './runtime.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timeIt(n: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

async function main(): Promise<void> {
  // BENCH_ONLY=real: only the real-backend section (it alone takes a real control plane).
  if (process.env.BENCH_ONLY === 'real') {
    printRows('real backend (kube-apiserver, kwok pods)', await benchRealBackend());
    return;
  }
  const OBJECTS = Number(process.env.BENCH_OBJECTS ?? 10_000);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const cluster = await startDevCluster({ simulate: true, podReadySeconds: 0 });
  const base = `${cluster.url}/api/v1/namespaces/default/configmaps`;
  const results: Array<[string, string]> = [];

  const createMs = await timeIt(500, async () => {
    const res = await fetch(base, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        metadata: { generateName: 'http-', labels: { via: 'http' } },
        data: { a: 'b' },
      }),
    });
    await res.arrayBuffer();
  });
  results.push(['HTTP create (median ms)', createMs.toFixed(3)]);

  const def = cluster.api.resource('', 'v1', 'configmaps');
  const t0 = performance.now();
  for (let i = 0; i < OBJECTS; i++)
    cluster.api.create(def, 'default', {
      metadata: { name: `cm-${i}`, labels: { shard: `s${i % 100}` } },
      data: { i: String(i) },
    });
  results.push([`in-process create ${OBJECTS} (ms)`, (performance.now() - t0).toFixed(0)]);
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  results.push([
    'heap per stored object (bytes, incl. watch log)',
    ((heapAfter - heapBefore) / (OBJECTS + 500)).toFixed(0),
  ]);

  const get = (q: string) => async () => (await fetch(`${base}${q}`)).arrayBuffer();
  const indexed = await timeIt(50, get('?labelSelector=shard%3Ds42'));
  const scanned = await timeIt(50, get('?labelSelector=shard%20in%20(s42,s43)'));
  const full = await timeIt(10, get(''));
  const single = await timeIt(200, async () => (await fetch(`${base}/cm-4242`)).arrayBuffer());
  results.push(['list 1% by indexed equality (median ms)', indexed.toFixed(2)]);
  results.push(['list 2% by set-based selector, scanned (median ms)', scanned.toFixed(2)]);
  results.push(['indexed / scanned ratio', (indexed / scanned).toFixed(2)]);
  results.push([`full list of ${OBJECTS + 500} (median ms)`, full.toFixed(1)]);
  results.push(['GET one object (median ms)', single.toFixed(3)]);

  const rsDef = cluster.api.resource('apps', 'v1', 'replicasets');
  for (const replicas of [200, 2000]) {
    const name = `bench-${replicas}`;
    const t1 = performance.now();
    cluster.api.create(rsDef, 'default', {
      metadata: { name },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
        },
      },
    });
    for (;;) {
      const rs = cluster.api.get(rsDef, 'default', name) as { status?: { readyReplicas?: number } };
      if (rs.status?.readyReplicas === replicas) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    results.push([
      `ReplicaSet of ${replicas} pods to all Ready, ready delay 0 (ms)`,
      (performance.now() - t1).toFixed(0),
    ]);
  }

  await cluster.close();
  const print = printRows;
  print(`devcluster bench (Node ${process.version}, ${OBJECTS} objects)`, results);
  const controller: Array<[string, string]> = [];
  for (const others of [10, Number(process.env.BENCH_OTHER_ROLLOUTS ?? 10_000)])
    controller.push(...(await benchController(others)));
  controller.push(...(await benchController(10, true)));
  print('controller bench', controller);
  print('controller footprint (tsx vs built)', await benchControllerFootprint());
  print('runtime bench', await benchRuntime());
  print('gitops bench', await benchGitOps());
  print('10,000-step Rollout bench', await benchBigRollout());
  print('fault bench', await benchFaults());
  print('real backend (kube-apiserver, kwok pods)', await benchRealBackend());
}

function printRows(title: string, rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(title);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
