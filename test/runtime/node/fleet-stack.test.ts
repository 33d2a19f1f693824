import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfigFor, startDevCluster } from '../../../src/devcluster/index.js';
import { installDevCrds } from '../../../src/runtime/node/install-dev-crds.js';
import { connectWithKubeconfig } from '../../../src/runtime/node/kube-connection.js';
import { type FleetStackDeps, startFleetStack } from '../../../src/runtime/node/fleet-stack.js';
import { readDevEnv } from '../../../src/runtime/node/read-dev-env.js';
import { aCanaryRollout } from '../../controller/world.js';
import { eventually, ROOT } from '../../functions/entry-support.js';

/**
 * The fleet stack in this process: devclusters started as dev-stack.ts starts them (CRDs from
 * this checkout, the member's own kubeconfig), in a scratch root whose .rollouts/ it writes.
 */
let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fleet-stack-'));
});
afterAll(() => (root ? rm(root, { recursive: true, force: true }) : undefined));

function depsFor(
  lines: string[],
  opts: { failAt?: string; closed?: string[] } = {},
): FleetStackDeps {
  return {
    root,
    writePrivateFile: async (path, content) => {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content, { mode: 0o600 });
    },
    out: (line) => lines.push(line),
    log: () => undefined,
    async startMember(member, paths) {
      if (member.name === opts.failAt) throw new Error(`${member.name} would not start`);
      const dev = await startDevCluster({
        host: '127.0.0.1',
        port: member.kubePort,
        podReadySeconds: 0,
      });
      await installDevCrds(dev, ROOT);
      await mkdir(dirname(paths.kubeconfig), { recursive: true });
      await writeFile(paths.kubeconfig, kubeconfigFor(dev.url));
      return {
        kube: connectWithKubeconfig(paths.kubeconfig),
        close: async () => {
          await dev.close();
          opts.closed?.push(member.name);
        },
      };
    },
  };
}

const settingsFor = (env: Record<string, string>) => {
  const { settings, problems } = readDevEnv(
    env,
    join(root, '.rollouts/kubeconfig'),
    () => undefined,
  );
  expect(problems).toEqual([]);
  return settings;
};
const reachable = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

describe('startFleetStack', () => {
  it('each context reaches its own cluster, whose own controller reconciles what is applied there', async () => {
    const lines: string[] = [];
    const settings = settingsFor({
      FLEET: '2',
      KUBE_PORT: '0',
      PORT: '0',
      API_TOKEN: 'fleet-token',
    });
    const stack = await startFleetStack(settings, 2, depsFor(lines));
    const kubeconfig = join(root, '.rollouts/kubeconfig');
    const fleet = ['fleet-1', 'fleet-2'].map((context) =>
      connectWithKubeconfig(kubeconfig, { context }),
    );
    const controllers = lines
      .map((l) => /^ {2}(fleet-\d): Kubernetes API (\S+), controller (\S+)$/.exec(l))
      .filter((m) => m !== null)
      .map((m) => ({ name: m[1], kubeUrl: m[2], controller: m[3] }));
    try {
      expect(controllers.map((c) => [c.name, c.kubeUrl])).toEqual(
        fleet.map((k, i) => [`fleet-${i + 1}`, k.server]),
      );
      expect(new Set(fleet.map((k) => k.server)).size).toBe(2);
      expect(lines.at(-1)).toBe('Ctrl-C stops everything.');
      expect(await readFile(join(root, '.rollouts/api-token'), 'utf8')).toBe('fleet-token\n');

      const rollouts = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
      const [one, two] = fleet as [(typeof fleet)[0], (typeof fleet)[0]];
      const created = await two.fetch(rollouts, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(aCanaryRollout('only-in-two', { replicas: 1 })),
      });
      expect(created.status).toBe(201);
      await eventually(
        async () => {
          const res = await two.fetch(`${rollouts}/only-in-two`);
          const phase = ((await res.json()) as { status?: { phase?: string } }).status?.phase;
          return phase === 'Healthy' ? phase : undefined;
        },
        'the Rollout Healthy in fleet-2',
        60_000,
      );
      expect((await one.fetch(`${rollouts}/only-in-two`)).status).toBe(404);
      // fleet-2's controller serves fleet-2: its API lists the Rollout, fleet-1's does not.
      const listed = async (controller: string | undefined) =>
        (
          await fetch(`${controller}/api/v1/rollouts/default/info`, {
            headers: { authorization: 'Bearer fleet-token' },
          })
        ).text();
      expect(await listed(controllers[1]?.controller)).toContain('only-in-two');
      expect(await listed(controllers[0]?.controller)).not.toContain('only-in-two');
    } finally {
      await stack.close();
    }
    for (const c of controllers) {
      expect(await reachable(`${c.controller}/healthz`)).toBe(false);
      expect(await reachable(`${c.kubeUrl}/version`)).toBe(false);
    }
  }, 120_000);

  it('a member that does not start stops the ones already started, and says which', async () => {
    const closed: string[] = [];
    const settings = settingsFor({ FLEET: '3', KUBE_PORT: '0', PORT: '0' });
    await expect(
      startFleetStack(settings, 3, depsFor([], { failAt: 'fleet-3', closed })),
    ).rejects.toThrow('fleet-3 would not start');
    expect(closed.sort()).toEqual(['fleet-1', 'fleet-2']);
  }, 60_000);

  it('CONTROLLER=off: the clusters and the kubeconfig, no controller', async () => {
    const lines: string[] = [];
    const settings = settingsFor({ FLEET: '1', KUBE_PORT: '0', PORT: '0', CONTROLLER: 'off' });
    const stack = await startFleetStack(settings, 1, depsFor(lines));
    try {
      expect(lines).toContain(
        'controller: off (CONTROLLER=off) — run the Worker with `npx wrangler dev` and the relay (see README)',
      );
      expect(lines.join('\n')).not.toContain('controller http');
      const kube = connectWithKubeconfig(join(root, '.rollouts/kubeconfig'), {
        context: 'fleet-1',
      });
      expect((await kube.fetch('/version')).status).toBe(200);
    } finally {
      await stack.close();
    }
    expect(await stat(join(root, '.rollouts/fleet/fleet-1/kubeconfig')).then(() => true)).toBe(
      true,
    );
  }, 60_000);
});
