import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { kubeconfigFor, startDevCluster, type DevCluster } from '../../src/devcluster/index.js';

/**
 * The controller's settings reach the metric providers through the real entry point: `functions/node.ts`
 * started as a process with that environment (README, "Analysis settings"). Before, the Node entry read
 * them nowhere, so a Prometheus metric without an address failed in every deployed controller.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const AR = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';

let cluster: DevCluster;
let dir = '';
let prometheus: Server;
let prometheusUrl = '';
const queries: string[] = [];

function startController(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/node.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      KUBECONFIG: join(dir, 'kubeconfig'),
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  child.stdout?.on('data', (c: Buffer) => (seen += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (seen += c.toString()));
  return {
    child,
    output: () => seen,
    exited: new Promise((done) => child.on('exit', (code) => done(code))),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await gone;
}

beforeAll(async () => {
  cluster = await startDevCluster({ host: '127.0.0.1', port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'node-settings-'));
  await writeFile(join(dir, 'kubeconfig'), kubeconfigFor(cluster.url));
  const crd = parse(
    await readFile(join(ROOT, 'manifests/crds/analysis-run.yaml'), 'utf8'),
  ) as unknown;
  const created = await fetch(
    `${cluster.url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(crd) },
  );
  expect(created.status).toBe(201);
  prometheus = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      // The query arrives in the URL (GET) or as a form body (POST), as Prometheus accepts both.
      const params =
        req.method === 'POST'
          ? new URLSearchParams(body)
          : new URL(req.url ?? '/', 'http://x').searchParams;
      queries.push(params.get('query') ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: {}, value: [1765000000, '0.97'] }] },
        }),
      );
    });
  });
  await new Promise<void>((done) => prometheus.listen(0, '127.0.0.1', done));
  prometheusUrl = `http://127.0.0.1:${(prometheus.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((done) => prometheus.close(() => done()));
  await cluster.close();
  await rm(dir, { recursive: true, force: true });
});

describe('functions/node.ts: provider settings from the environment', () => {
  it('a Prometheus metric without an address measures at ARGO_ROLLOUTS_PROMETHEUS_ADDRESS', async () => {
    const run = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: { name: 'success-rate', namespace: 'default' },
      spec: {
        metrics: [
          {
            name: 'success',
            successCondition: 'result[0] >= 0.95',
            provider: { prometheus: { query: 'sum(rate(ok[1m])) / sum(rate(all[1m]))' } },
          },
        ],
      },
    };
    const posted = await fetch(`${cluster.url}${AR}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(run),
    });
    expect(posted.status).toBe(201);
    const controller = startController({ ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: prometheusUrl });
    try {
      await expect
        .poll(
          async () =>
            (
              (await (await fetch(`${cluster.url}${AR}/success-rate`)).json()) as {
                status?: { phase?: string };
              }
            ).status?.phase,
          { timeout: 20_000, interval: 200 },
        )
        .toBe('Successful');
      const status = (
        (await (await fetch(`${cluster.url}${AR}/success-rate`)).json()) as {
          status: { metricResults: Array<{ measurements: Array<{ value?: string }> }> };
        }
      ).status;
      expect(status.metricResults[0]?.measurements[0]?.value).toBe('[0.97]');
      expect(queries).toContain('sum(rate(ok[1m])) / sum(rate(all[1m]))');
    } finally {
      await stop(controller.child);
    }
  });

  it('refuses to start on a bad setting, naming it and not its value', async () => {
    const controller = startController({
      ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: 'prometheus:9090',
      DD_API_KEY: 'dd-secret-value',
    });
    expect(await controller.exited).toBe(2);
    expect(controller.output()).toContain(
      'ARGO_ROLLOUTS_PROMETHEUS_ADDRESS must be an http(s) URL',
    );
    expect(controller.output()).toContain('DD_API_KEY and DD_APP_KEY must be set together');
    expect(controller.output()).not.toContain('dd-secret-value');
  });

  it('refuses to start on a kubeconfig it cannot use, saying so without a stack trace', async () => {
    const controller = startController({ KUBECONFIG: join(dir, 'missing-kubeconfig') });
    expect(await controller.exited).toBe(2);
    expect(controller.output()).toMatch(
      /^configuration: kubeconfig .*missing-kubeconfig: no such file/m,
    );
    expect(controller.output()).not.toContain('    at ');
  });
});
