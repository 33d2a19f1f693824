import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfigFor, startDevCluster, type DevCluster } from '../../src/devcluster/index.js';
import { aCanaryRollout } from '../controller/world.js';
import { loadCrds } from '../manifests/helpers.js';
import { REPO_ROOT, startControllerProcess } from '../support/controller-process.js';

/**
 * `npm run build` output, as the image runs it (issue 18, item 7): built once into a temporary
 * directory, then the controller and the CLI run from it against a devcluster.
 */
const run = promisify(execFile);
const ROLLOUTS = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
let out = '';
let cluster: DevCluster;
let kubeconfig = '';

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'built-controller-'));
  await run(process.execPath, ['scripts/build.mjs', '--outdir', out, '--standalone'], {
    cwd: REPO_ROOT,
  });
  cluster = await startDevCluster({ host: '127.0.0.1', port: 0, podReadySeconds: 0 });
  const crdDef = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const crd of loadCrds()) cluster.api.create(crdDef, undefined, crd);
  kubeconfig = join(out, 'kubeconfig');
  await writeFile(kubeconfig, kubeconfigFor(cluster.url));
}, 120_000);
afterAll(async () => {
  await cluster?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the built controller (dist/functions/node.js)', () => {
  it('answers /healthz and reconciles a Rollout, without starting the relay entry it imports', async () => {
    const controller = startControllerProcess(
      ['--enable-source-maps', join(out, 'functions/node.js')],
      { KUBECONFIG: kubeconfig },
    );
    try {
      const port = await controller.listening;
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const created = await fetch(`${cluster.url}${ROLLOUTS}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(aCanaryRollout('built', { replicas: 2 })),
      });
      expect(created.status).toBe(201);
      let phase: string | undefined;
      for (let i = 0; i < 200 && phase !== 'Healthy'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        phase = (
          (await (await fetch(`${cluster.url}${ROLLOUTS}/built`)).json()) as {
            status?: { phase?: string };
          }
        ).status?.phase;
      }
      expect(phase).toBe('Healthy');
      // relay.js's main guard compares its own URL: importing it must not run a relay process.
      expect(controller.output()).not.toMatch(/relay: set RELAY_TARGET/);
    } finally {
      await controller.stop();
    }
  }, 60_000);

  it('the built CLI lists Rollouts', async () => {
    const { stdout } = await run(
      process.execPath,
      [join(out, 'functions/cli.js'), '--kubeconfig', kubeconfig, 'list', 'rollouts'],
      { cwd: REPO_ROOT },
    );
    expect(stdout).toMatch(/^built\s+Canary\s+/m);
  }, 30_000);
});

describe('@kubernetes/client-node stays out of what runs', () => {
  const sourcesUnder = async (dir: string): Promise<string[]> =>
    (await readdir(join(REPO_ROOT, dir), { recursive: true }))
      .filter((f) => /\.(ts|mjs|js)$/.test(f))
      .map((f) => join(REPO_ROOT, dir, f));

  it('is imported nowhere in src/ or functions/, nor in the build, and is no production dependency', async () => {
    const files = [...(await sourcesUnder('src')), ...(await sourcesUnder('functions'))];
    const importing: string[] = [];
    for (const f of files)
      if (
        /(from\s+|import\s*\(\s*)['"]@kubernetes\/client-node['"]/.test(await readFile(f, 'utf8'))
      )
        importing.push(f);
    expect(importing).toEqual([]);
    const built = (await readdir(out, { recursive: true })).filter(
      (f) => f.endsWith('.js') && !f.startsWith('node_modules'),
    );
    for (const f of built)
      expect(await readFile(join(out, f), 'utf8'), f).not.toContain('@kubernetes/client-node');
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies)).not.toContain('@kubernetes/client-node');
  });
});
