import { cp, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { binDir, findMissingBinaries } from '../../functions/real-cluster/binaries.js';
import { aCanaryRollout } from '../controller/world.js';
import { kubectlRunner, kubectlVersion } from '../support/kubectl-session.js';
import {
  type EntryProcess,
  eventually,
  freePort,
  ROOT,
  startEntry,
  startTestCluster,
} from './entry-support.js';

/**
 * Issue 18: `npm start` (`functions/dev.ts` through tsx, as package.json runs it) with one variable
 * at a time. It runs in a copy of the checkout (sources, manifests; node_modules linked), so the
 * `.rollouts/` it writes is the copy's, never a developer's own.
 */
let sandbox = '';
let current: EntryProcess | undefined;

beforeAll(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'entry-dev-'));
  for (const path of ['src', 'functions', 'manifests', 'package.json', 'tsconfig.json'])
    await cp(join(ROOT, path), join(sandbox, path), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(sandbox, 'node_modules'), 'dir');
}, 60_000);
// A test that starts its own npm start leaves nothing behind for the next one.
afterEach(async () => {
  if (!current) return;
  await current.stop();
  current = undefined;
  await rm(join(sandbox, '.rollouts'), { recursive: true, force: true });
});
afterAll(() => (sandbox ? rm(sandbox, { recursive: true, force: true }) : undefined));

function npmStart(env: Record<string, string>): EntryProcess {
  current = startEntry(['--import', 'tsx', 'functions/dev.ts'], env, sandbox);
  return current;
}
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('npm start: the local stack', () => {
  let kubePort = 0;
  let port = 0;
  let p: EntryProcess;
  beforeAll(async () => {
    [kubePort, port] = [await freePort(), await freePort()];
    p = startEntry(
      ['--import', 'tsx', 'functions/dev.ts'],
      {
        KUBE_PORT: String(kubePort),
        PORT: String(port),
        POD_READY_SECONDS: '3',
        API_TOKEN: 'dev-api-token',
        METRICS_TOKEN: 'dev-metrics-token',
      },
      sandbox,
    );
    await p.waitFor(/Ctrl-C stops everything/, 90_000);
  }, 120_000);
  afterAll(async () => {
    await p?.stop();
    await rm(join(sandbox, '.rollouts'), { recursive: true, force: true });
  });

  it('KUBE_PORT: the devcluster serves there, and .rollouts/kubeconfig names it', async () => {
    expect((await fetch(`http://127.0.0.1:${kubePort}/version`)).status).toBe(200);
    expect(await readFile(join(sandbox, '.rollouts/kubeconfig'), 'utf8')).toContain(
      `http://127.0.0.1:${kubePort}`,
    );
  });

  it('PORT: the controller serves there', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('POD_READY_SECONDS: simulated pods become Ready that long after they start', async () => {
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'slow', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'slow' } },
        template: {
          metadata: { labels: { app: 'slow' } },
          spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] },
        },
      },
    };
    const start = Date.now();
    const created = await fetch(
      `http://127.0.0.1:${kubePort}/apis/apps/v1/namespaces/default/replicasets`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rs) },
    );
    expect(created.status).toBe(201);
    const readyReplicas = async () =>
      (
        (await (
          await fetch(
            `http://127.0.0.1:${kubePort}/apis/apps/v1/namespaces/default/replicasets/slow`,
          )
        ).json()) as { status?: { readyReplicas?: number } }
      ).status?.readyReplicas ?? 0;
    await eventually(async () => ((await readyReplicas()) === 1 ? true : undefined), 'pod Ready');
    // 3 s, read at whole-second resolution; the default (1 s) would be Ready within about one.
    expect(Date.now() - start).toBeGreaterThanOrEqual(2000);
  });

  it('API_TOKEN: npm start takes it for /api and writes it to .rollouts/api-token', async () => {
    expect(await readFile(join(sandbox, '.rollouts/api-token'), 'utf8')).toBe('dev-api-token\n');
    const res = await fetch(
      `http://127.0.0.1:${port}/api/v1/rollouts/default/info`,
      bearer('dev-api-token'),
    );
    expect(res.status).toBe(200);
  });

  it('NOTIFICATIONS_NAMESPACE (default argo-rollouts): npm start creates it with an empty notification ConfigMap', async () => {
    const res = await fetch(
      `http://127.0.0.1:${kubePort}/api/v1/namespaces/argo-rollouts/configmaps/argo-rollouts-notification-configmap`,
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data?: Record<string, string> }).data ?? {}).toEqual({});
  });

  it("METRICS_TOKEN: npm start passes the controller's variables through the same composition", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, bearer('dev-metrics-token'));
    expect(res.status).toBe(200);
  });
});

describe('npm start: one switch at a time', () => {
  it('CONTROLLER=off: the devcluster runs, the controller does not', async () => {
    const [kubePort, port] = [await freePort(), await freePort()];
    const p = npmStart({ KUBE_PORT: String(kubePort), PORT: String(port), CONTROLLER: 'off' });
    await p.waitFor(/Ctrl-C stops everything/, 90_000);
    expect(p.output()).toContain('controller: off (CONTROLLER=off)');
    expect((await fetch(`http://127.0.0.1:${kubePort}/version`)).status).toBe(200);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 120_000);

  it('DEVGITHUB=on with DEVGITHUB_PORT: the GitHub emulator serves the demo repository there', async () => {
    const [kubePort, port, ghPort] = [await freePort(), await freePort(), await freePort()];
    const p = npmStart({
      KUBE_PORT: String(kubePort),
      PORT: String(port),
      DEVGITHUB: 'on',
      DEVGITHUB_PORT: String(ghPort),
    });
    await p.waitFor(/Ctrl-C stops everything/, 90_000);
    const repo = await fetch(`http://127.0.0.1:${ghPort}/repos/dev/shop`, {
      headers: { authorization: 'token dev-token' },
    });
    expect(repo.status).toBe(200);
    expect(p.output()).toContain(`--url http://127.0.0.1:${ghPort}`);
    // The controller mounted the demo's webhook.
    expect(
      (await fetch(`http://127.0.0.1:${port}/hooks/github`, { method: 'POST' })).status,
    ).not.toBe(404);
  }, 120_000);

  it('KUBECONFIG: npm start drives that cluster instead of starting the devcluster', async () => {
    const other = await startTestCluster();
    try {
      const [kubePort, port] = [await freePort(), await freePort()];
      const p = npmStart({
        KUBECONFIG: other.kubeconfig,
        KUBE_PORT: String(kubePort),
        PORT: String(port),
        API_TOKEN: 'kc-token',
      });
      await p.waitFor(/Ctrl-C stops everything/, 90_000);
      expect(p.output()).toContain('Using the cluster in KUBECONFIG');
      await expect(fetch(`http://127.0.0.1:${kubePort}/version`)).rejects.toThrow();
      const created = await fetch(
        `${other.cluster.url}/apis/argoproj.io/v1alpha1/namespaces/default/rollouts`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(aCanaryRollout('elsewhere', { replicas: 1 })),
        },
      );
      expect(created.status).toBe(201);
      const listed = await eventually(async () => {
        const res = await fetch(
          `http://127.0.0.1:${port}/api/v1/rollouts/default/info`,
          bearer('kc-token'),
        );
        const text = await res.text();
        return text.includes('elsewhere') ? text : undefined;
      }, 'the Rollout through the API');
      expect(listed).toContain('elsewhere');
    } finally {
      await current?.stop();
      await other.close();
    }
  }, 120_000);

  it('bad values: exits 2 listing every problem, before anything starts or is written', async () => {
    const p = npmStart({
      KUBE_PORT: 'sixty-four',
      PORT: '99999',
      POD_READY_SECONDS: '-1',
      CONTROLLER: 'maybe',
      DEVGITHUB: 'yes',
      DEVGITHUB_PORT: 'x',
      CLUSTER: 'kind',
      CRDS: 'theirs',
    });
    expect(await p.exited).toBe(2);
    for (const problem of [
      'KUBE_PORT must be a port number',
      'PORT must be a port number',
      'POD_READY_SECONDS must be a non-negative number',
      'CONTROLLER must be "on" or "off"',
      'DEVGITHUB must be "on" or "off"',
      'DEVGITHUB_PORT must be a port number',
      'CLUSTER must be "real" or "devcluster"',
      'CRDS must be "ours" or "upstream"',
    ])
      expect(p.output()).toContain(problem);
    expect(await exists(join(sandbox, '.rollouts'))).toBe(false);
  }, 60_000);
});

describe('npm start: a KUBECONFIG it cannot use', () => {
  it('KUBECONFIG: exits 2 saying why, writing nothing', async () => {
    const p = npmStart({ KUBECONFIG: join(sandbox, 'no-such-kubeconfig') });
    expect(await p.exited).toBe(2);
    expect(p.output()).toMatch(/^configuration: kubeconfig .*no-such-kubeconfig: no such file/m);
    expect(await exists(join(sandbox, '.rollouts'))).toBe(false);
  }, 60_000);
});

describe('npm start: FLEET (issue 21 §7)', () => {
  it.skipIf(!kubectlVersion)(
    `FLEET=2: one kubeconfig with fleet-1 and fleet-2; a Rollout applied with --context fleet-2 reaches Healthy there and not in fleet-1, and Ctrl-C stops every cluster and controller${kubectlVersion ? '' : ' (skipped: kubectl is not on PATH)'}`,
    async () => {
      // Free ports for every member: KUBE_PORT+1 and PORT+1 are not known to be free here
      // (test/runtime/node/fleet-env.test.ts pins the consecutive ports).
      const p = npmStart({ FLEET: '2', KUBE_PORT: '0', PORT: '0', POD_READY_SECONDS: '0' });
      await p.waitFor(/Ctrl-C stops everything/, 90_000);
      const members = [
        ...p.output().matchAll(/^ {2}(fleet-\d): Kubernetes API (\S+), controller (\S+)$/gm),
      ].map((m) => ({ name: m[1], kubeUrl: m[2], controller: m[3] }));
      expect(members.map((m) => m.name)).toEqual(['fleet-1', 'fleet-2']);
      const { kubectl, ok } = kubectlRunner(
        {
          PATH: process.env.PATH ?? '',
          HOME: sandbox,
          KUBECONFIG: join(sandbox, '.rollouts/kubeconfig'),
        },
        sandbox,
      );
      expect((await ok('config', 'current-context')).trim()).toBe('fleet-1');
      const manifest = join(sandbox, 'fleet-rollout.json');
      await writeFile(manifest, JSON.stringify(aCanaryRollout('fleet-web', { replicas: 2 })));
      await ok('--context', 'fleet-2', 'apply', '-f', manifest);
      await eventually(
        async () => {
          const phase = await ok(
            '--context',
            'fleet-2',
            'get',
            'rollout',
            'fleet-web',
            '-o',
            'jsonpath={.status.phase}',
          );
          return phase === 'Healthy' ? phase : undefined;
        },
        'fleet-web Healthy in fleet-2',
        90_000,
      );
      const inOne = await kubectl('--context', 'fleet-1', 'get', 'rollout', 'fleet-web');
      expect(inOne.code).not.toBe(0);
      expect(inOne.stderr).toContain('NotFound');
      await p.stop();
      for (const m of members) {
        await expect(fetch(`${m.controller}/healthz`)).rejects.toThrow();
        await expect(fetch(`${m.kubeUrl}/version`)).rejects.toThrow();
      }
    },
    180_000,
  );

  it('a bad FLEET: exits 2 listing it with the other problems, writing nothing', async () => {
    const p = npmStart({ FLEET: 'three', DEVGITHUB: 'yes' });
    expect(await p.exited).toBe(2);
    expect(p.output()).toContain('FLEET must be a whole number of clusters from 1 to 5');
    expect(p.output()).toContain('DEVGITHUB must be "on" or "off"');
    expect(await exists(join(sandbox, '.rollouts'))).toBe(false);
  }, 60_000);
});

const missing = await findMissingBinaries();
describe('npm start: CLUSTER=real', () => {
  it.skipIf(missing.length > 0)(
    `CLUSTER=real: the real control plane serves on KUBE_PORT and the controller drives it${missing.length ? ` (skipped: ${missing.join(', ')} not built; npm run tools:real-cluster)` : ''}`,
    async () => {
      const [kubePort, port] = [await freePort(), await freePort()];
      const p = npmStart({
        CLUSTER: 'real',
        KUBE_PORT: String(kubePort),
        PORT: String(port),
        ROLLOUTS_BIN_DIR: binDir,
        REAL_CLUSTER_BUILD: 'off',
      });
      await p.waitFor(/Ctrl-C stops everything/, 150_000);
      expect(p.output()).toContain(`real-cluster: Kubernetes API on https://127.0.0.1:${kubePort}`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await ready.json()).toEqual({ status: 'ready' });
    },
    180_000,
  );

  // Two control planes at most: each takes most of a core while it starts.
  it.skipIf(missing.length > 0 || !kubectlVersion)(
    `FLEET=2 CLUSTER=real: two real control planes, each in its own context with its own controller${missing.length ? ` (skipped: ${missing.join(', ')} not built; npm run tools:real-cluster)` : kubectlVersion ? '' : ' (skipped: kubectl is not on PATH)'}`,
    async () => {
      const p = npmStart({
        FLEET: '2',
        CLUSTER: 'real',
        KUBE_PORT: '0',
        PORT: '0',
        ROLLOUTS_BIN_DIR: binDir,
        REAL_CLUSTER_BUILD: 'off',
      });
      await p.waitFor(/Ctrl-C stops everything/, 240_000);
      const members = [
        ...p.output().matchAll(/^ {2}(fleet-\d): Kubernetes API (https:\S+), controller (\S+)$/gm),
      ].map((m) => ({ name: m[1] ?? '', controller: m[3] }));
      expect(members.map((m) => m.name)).toEqual(['fleet-1', 'fleet-2']);
      const { ok } = kubectlRunner(
        {
          PATH: process.env.PATH ?? '',
          HOME: sandbox,
          KUBECONFIG: join(sandbox, '.rollouts/kubeconfig'),
        },
        sandbox,
      );
      const servers = [];
      for (const m of members) {
        servers.push(
          await ok(
            'config',
            'view',
            '--minify',
            '--context',
            m.name,
            '-o',
            'jsonpath={.clusters[0].cluster.server}',
          ),
        );
        // The admin's client certificate of that control plane, carried over into the one file.
        expect(await ok('--context', m.name, 'get', 'nodes', '-o', 'name')).toContain(
          'node/kwok-node-0',
        );
        const ready = await fetch(`${m.controller}/readyz`);
        expect(await ready.json()).toEqual({ status: 'ready' });
      }
      expect(new Set(servers).size).toBe(2);
    },
    300_000,
  );
});
