import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../functions/real-cluster/processes.js';
import type { GitOpsEnv } from '../../src/core/gitops/env-config.js';
import {
  connectWithKubeconfig,
  DEMO_REPO,
  type GitHubDemo,
  type KubeConnection,
  loadGitOpsSettings,
  type NodeServer,
  startGitHubDemo,
  startNodeServer,
} from '../../src/runtime/node/index.js';

const gitOpsFromEnv = (env: GitOpsEnv, kube: KubeConnection) =>
  loadGitOpsSettings(env, kube, () => undefined);
import { parseGitOpsEnv } from '../../src/core/gitops/env-config.js';
import { kubeconfigFor, startDevCluster, type DevCluster } from '../../src/devcluster/index.js';

// What `DEVGITHUB=on npm start` wires together, on free ports and real timers.
const root = resolve(import.meta.dirname, '../..');
let cluster: DevCluster;
let kube: KubeConnection;
let demo: GitHubDemo;
let server: NodeServer;

async function eventually<T>(probe: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  cluster = await startDevCluster({ podReadySeconds: 0 });
  const crdDef = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const f of [
    'rollout.yaml',
    'analysis-run.yaml',
    'analysis-template.yaml',
    'cluster-analysis-template.yaml',
  ]) {
    for (const d of parseAllDocuments(readFileSync(join(root, 'manifests/crds', f), 'utf8')))
      cluster.api.create(crdDef, undefined, d.toJS());
  }
  const file = join(mkdtempSync(join(tmpdir(), 'demo-')), 'kubeconfig');
  writeFileSync(file, kubeconfigFor(cluster.url));
  kube = connectWithKubeconfig(file);
  const port = await freePort();
  demo = await startGitHubDemo({
    port: 0,
    controllerUrl: `http://127.0.0.1:${port}`,
    log: () => undefined,
  });
  server = await startNodeServer({ port, kube, gitops: demo.settings, log: () => undefined });
});
afterAll(async () => {
  await server?.close();
  await demo?.github.close();
  await cluster?.close();
});

describe('the GitOps demo of npm start', () => {
  it('applies examples/gitops pushed to deploy/ and reports the rollout on the commit', async () => {
    const files = Object.fromEntries(
      ['rollout.yaml', 'service.yaml'].map((f) => [
        `deploy/${f}`,
        readFileSync(join(root, 'examples/gitops', f), 'utf8'),
      ]),
    );
    const { sha, deliveries } = await demo.github.push(DEMO_REPO, 'main', {
      files,
      author: 'alice',
    });
    expect(deliveries.map((d) => d.status)).toEqual([202]);
    const roDef = cluster.api.resource('argoproj.io', 'v1alpha1', 'rollouts');
    const svcDef = cluster.api.resource('', 'v1', 'services');
    const phase = () =>
      (
        cluster.api.list(roDef, 'default').items as Array<{
          metadata: { name: string };
          status?: { phase?: string };
        }>
      ).find((r) => r.metadata.name === 'shop')?.status?.phase;
    await eventually(() => (phase() === 'Healthy' ? true : undefined), 'shop Healthy');
    expect(
      (cluster.api.get(svcDef, 'default', 'shop') as { spec: { ports: Array<{ port: number }> } })
        .spec.ports[0]?.port,
    ).toBe(80);
    const status = await eventually(
      () =>
        demo.github
          .commitStatuses(DEMO_REPO, sha)
          .find((s) => s.context === 'rollout/dev/default/shop' && s.state === 'success'),
      'success status',
    );
    expect(status.description).toMatch(/^rolled out: revision [0-9a-f]+ is stable$/);
    expect(
      demo.github.commitStatuses(DEMO_REPO, sha).find((s) => s.context === 'gitops/dev/shop')
        ?.state,
    ).toBe('success');
  });
});

describe('GITOPS_CONFIGMAP', () => {
  const cmDef = () => cluster.api.resource('', 'v1', 'configmaps');
  const base = { GITHUB_TOKEN: 't', GITHUB_WEBHOOK_SECRET: 's' };

  it('reads the sources from the ConfigMap key config.yaml', async () => {
    cluster.api.create(cmDef(), 'default', {
      metadata: { name: 'gitops' },
      data: {
        'config.yaml': 'cluster: eu\nsources:\n  - repo: acme/deploy\n    namespace: shop\n',
      },
    });
    const r = await gitOpsFromEnv({ ...base, GITOPS_CONFIGMAP: 'default/gitops' }, kube);
    expect(r.problems).toEqual([]);
    expect(r.settings?.config.cluster).toBe('eu');
    expect(r.settings?.config.sources.map((s) => [s.fullName, s.namespace, s.branch])).toEqual([
      ['acme/deploy', 'shop', 'main'],
    ]);
  });

  it('names the ConfigMap when its content is invalid', async () => {
    cluster.api.create(cmDef(), 'default', {
      metadata: { name: 'gitops-bad' },
      data: { 'config.yaml': 'sources: []\n' },
    });
    const r = await gitOpsFromEnv({ ...base, GITOPS_CONFIGMAP: 'default/gitops-bad' }, kube);
    expect(r.settings).toBeUndefined();
    expect(r.problems).toEqual([
      'ConfigMap default/gitops-bad config.yaml: `sources` must be a non-empty list',
    ]);
  });

  it('refuses a missing ConfigMap, a missing key, a bad reference, and both sources at once', async () => {
    cluster.api.create(cmDef(), 'default', {
      metadata: { name: 'gitops-empty' },
      data: { other: 'x' },
    });
    expect(
      (await gitOpsFromEnv({ ...base, GITOPS_CONFIGMAP: 'default/nope' }, kube)).problems,
    ).toEqual(['GITOPS_CONFIGMAP: ConfigMap default/nope does not exist']);
    expect(
      (await gitOpsFromEnv({ ...base, GITOPS_CONFIGMAP: 'default/gitops-empty' }, kube)).problems,
    ).toEqual(['GITOPS_CONFIGMAP: ConfigMap default/gitops-empty has no `config.yaml` key']);
    expect((await gitOpsFromEnv({ ...base, GITOPS_CONFIGMAP: 'gitops' }, kube)).problems).toEqual([
      'GITOPS_CONFIGMAP must be <namespace>/<name>, got "gitops"',
    ]);
    expect(
      (
        await gitOpsFromEnv(
          { ...base, GITOPS_CONFIGMAP: 'default/gitops', GITOPS_CONFIG: 'sources: []' },
          kube,
        )
      ).problems,
    ).toEqual(['set either GITOPS_CONFIG or GITOPS_CONFIGMAP, not both']);
  });

  it('is refused on Workers, which have no start-up to read it at', () => {
    expect(
      parseGitOpsEnv({ ...base, GITOPS_CONFIGMAP: 'default/gitops' }, 'workers').problems,
    ).toEqual([
      'GITOPS_CONFIGMAP is read by the Node runtime only; on Workers set the GITOPS_CONFIG binding',
    ]);
  });
});
