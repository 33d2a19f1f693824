import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { kubeconfigFor, startDevCluster, type DevCluster } from '../../src/devcluster/index.js';
import { aCanaryRollout } from '../controller/world.js';

// The real entry points as a user runs them: `tsx functions/cli.ts` and the package's bin shim,
// with a kubeconfig file (and KUBECONFIG) pointing at a devcluster.

const root = resolve(import.meta.dirname, '../..');
let cluster: DevCluster;
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      cmd,
      args,
      { cwd: root, env: { ...process.env, NO_COLOR: '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        done({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

beforeAll(async () => {
  cluster = await startDevCluster({ podReadySeconds: 0.1 });
  const crds = join(root, 'manifests/crds');
  const crdDef = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const f of readdirSync(crds).filter(
    (x) => x.endsWith('.yaml') && x !== 'kustomization.yaml',
  )) {
    for (const doc of parseAllDocuments(readFileSync(join(crds, f), 'utf8')))
      cluster.api.create(crdDef, undefined, doc.toJS());
  }
  await new Promise((r) => setTimeout(r, 50));
  const res = await fetch(`${cluster.url}/apis/argoproj.io/v1alpha1/namespaces/default/rollouts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(aCanaryRollout('web')),
  });
  expect(res.status).toBe(201);
  dir = await mkdtemp(join(tmpdir(), 'rollouts-cli-'));
  await writeFile(join(dir, 'kubeconfig'), kubeconfigFor(cluster.url));
});
afterAll(async () => {
  await cluster?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('tsx functions/cli.ts lists rollouts through --kubeconfig and reports unknown ones', async () => {
  const tsx = join(root, 'node_modules/.bin/tsx');
  const list = await run(tsx, [
    'functions/cli.ts',
    '--kubeconfig',
    join(dir, 'kubeconfig'),
    'list',
    'rollouts',
  ]);
  expect(list.stderr).toBe('');
  expect(list.code).toBe(0);
  expect(list.stdout.split('\n')[0]).toMatch(
    /^NAME\s+STRATEGY\s+STATUS\s+STEP\s+SET-WEIGHT\s+READY\s+DESIRED\s+UP-TO-DATE\s+AVAILABLE$/,
  );
  expect(list.stdout.split('\n')[1]).toMatch(/^web\s+Canary\s+/);
  const missing = await run(tsx, ['functions/cli.ts', 'get', 'rollout', 'nope'], {
    KUBECONFIG: join(dir, 'kubeconfig'),
  });
  expect(missing).toMatchObject({
    code: 1,
    stdout: '',
    stderr: 'error: rollouts.argoproj.io "nope" not found\n',
  });
});

it('the bin shim runs as a kubectl plugin would, and names a context that does not exist', async () => {
  const pause = await run('node', ['functions/cli-bin.mjs', 'pause', 'web', '-n', 'default'], {
    KUBECONFIG: join(dir, 'kubeconfig'),
  });
  // No controller here: the Rollout has no status, yet pause only writes spec.paused (spec §1.8).
  expect(pause).toMatchObject({ code: 0, stdout: "rollout 'web' paused\n" });
  const ro = (await (
    await fetch(`${cluster.url}/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/web`)
  ).json()) as { spec: { paused?: boolean } };
  expect(ro.spec.paused).toBe(true);
  const ctx = await run('node', ['functions/cli-bin.mjs', '--context', 'elsewhere', 'list', 'ro'], {
    KUBECONFIG: join(dir, 'kubeconfig'),
  });
  expect(ctx.code).toBe(1);
  expect(ctx.stderr).toContain('context "elsewhere" does not exist');
});
