import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubeconfigFor, startDevCluster, type DevCluster } from '../../src/devcluster/index.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

/** Debian's /usr/bin/python3 first (python3-kubernetes is installed for it), then python3 on PATH. */
const python: string | undefined = ['/usr/bin/python3', 'python3'].find((bin) => {
  try {
    execFileSync(bin, ['-c', 'import kubernetes'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

const describePython = python
  ? describe
  : (describe.skip.bind(
      describe,
      'skipped: `python3 -c "import kubernetes"` fails; `apt-get install python3-kubernetes` (as .ci/run does) un-skips it',
    ) as unknown as typeof describe);

interface Seen {
  created: { name: string; rv: string; uid: boolean };
  patched: Record<string, string>;
  replaced: Record<string, string>;
  listed: string[];
  conflict: { status: number; reason: string };
  configmap_events: Array<[string, string]>;
  rollout_created: { name: string; generation: number };
  rollout_patched: { paused: boolean; generation: number };
  rollout_status: boolean;
  rollouts_listed: string[];
  rollout_events: Array<[string, string]>;
  can_create_rollouts: boolean;
}

/** What a watch sees of an object created, changed twice and deleted. */
const wholeLife = (name: string) => [
  ['ADDED', name],
  ['MODIFIED', name],
  ['MODIFIED', name],
  ['DELETED', name],
];

/** Issue 19 item 1: the Python client sends `watch=True`; its watches used to come back as a List. */
describePython("Debian's python3-kubernetes against the devcluster", () => {
  let cluster: DevCluster;
  let dir: string;
  let seen: Seen;

  beforeAll(async () => {
    cluster = await startDevCluster();
    dir = await mkdtemp(join(tmpdir(), 'python-client-'));
    await writeFile(join(dir, 'kubeconfig'), kubeconfigFor(cluster.url));
    const crdDir = join(root, 'manifests/crds');
    const crdDef = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
    for (const file of (await readdir(crdDir)).filter(
      (f) => f.endsWith('.yaml') && f !== 'kustomization.yaml',
    )) {
      for (const doc of parseAllDocuments(await readFile(join(crdDir, file), 'utf8')))
        cluster.api.create(crdDef, undefined, doc.toJS());
    }
    const { stdout } = await run(
      python ?? 'python3',
      [
        join(import.meta.dirname, 'python-client/drive_devcluster.py'),
        join(dir, 'kubeconfig'),
        'default',
      ],
      { timeout: 60_000 },
    );
    seen = JSON.parse(stdout) as Seen;
  }, 90_000);
  afterAll(async () => {
    await cluster?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates, patches, replaces, lists and deletes a ConfigMap', () => {
    expect(seen.created).toMatchObject({ name: 'py-config', uid: true });
    expect(seen.patched).toEqual({ a: '1', b: '2' });
    expect(seen.replaced).toEqual({ a: '1', b: '2', c: '3' });
    expect(seen.listed).toEqual(['py-config']);
    expect(seen.conflict).toEqual({ status: 409, reason: 'AlreadyExists' });
  });

  it('watches the ConfigMap through its whole life', () => {
    expect(seen.configmap_events).toEqual(wholeLife('py-config'));
  });

  it('handles a Rollout through CustomObjectsApi, its status subresource and a watch', () => {
    expect(seen.rollout_created).toEqual({ name: 'py-rollout', generation: 1 });
    expect(seen.rollout_patched).toEqual({ paused: true, generation: 2 });
    expect(seen.rollout_status).toBe(true);
    expect(seen.rollouts_listed).toEqual(['py-rollout']);
    expect(seen.rollout_events).toEqual(wholeLife('py-rollout'));
  });

  it('is allowed to create Rollouts, by a SelfSubjectAccessReview', () => {
    expect(seen.can_create_rollouts).toBe(true);
  });
});
