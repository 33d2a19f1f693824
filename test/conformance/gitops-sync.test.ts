import { afterAll, beforeAll, expect, it } from 'vitest';
import { GitHubClients } from '../../src/adapters/github/index.js';
import { FIELD_MANAGER } from '../../src/controller/gitops/inventory.js';
import { createGitOps, type GitOps } from '../../src/controller/gitops/gitops.js';
import type { GitOpsConfig } from '../../src/core/gitops/config.js';
import { type DevGitHub, startDevGitHub } from '../../src/devgithub/index.js';
import { manifestsConfig, REPO } from '../controller/gitops/gitops-world.js';
import { describeOnBothBackends, managers } from './api-backends.js';

const NS = 'gitops-probe';
const CM = `/api/v1/namespaces/${NS}/configmaps`;
const DEPLOY = `/apis/apps/v1/namespaces/${NS}/deployments`;
const SYNC_CONTEXT = 'gitops/conformance/shop';

// The GitOps tests' source, synced into a namespace of its own on each backend.
const base = manifestsConfig({ cluster: 'conformance' });
const config: GitOpsConfig = {
  ...base,
  sources: base.sources.map((source) => ({ ...source, namespace: NS })),
};

const manifests = (mode: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
data:
  mode: ${mode}
  level: "1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: shop}
  template:
    metadata:
      labels: {app: shop}
    spec:
      containers:
        - name: web
          image: nginx:1.25
`;

describeOnBothBackends('GitOps sync with server-side apply', (api) => {
  let gh: DevGitHub;
  let gitops: GitOps;
  beforeAll(async () => {
    gh = await startDevGitHub();
    gh.createRepo(REPO);
    gitops = createGitOps({
      kube: api().kube,
      config,
      clients: new GitHubClients({
        baseUrl: gh.url,
        auth: { kind: 'token', token: 'dev-token' },
      }),
      now: () => Date.now(),
      enqueueRollouts: () => Promise.resolve(),
      log: () => undefined,
    });
    expect((await api().req('POST', '/api/v1/namespaces', { metadata: { name: NS } })).status).toBe(
      201,
    );
  });
  afterAll(() => gh?.close());

  const push = async (mode: string) =>
    (await gh.push(REPO, 'main', { files: { 'k8s/shop.yaml': manifests(mode) } })).sha;
  const syncStatus = (sha: string) =>
    (
      gh.commitStatuses(REPO, sha) as Array<{
        context: string;
        state: string;
        description: string;
      }>
    )
      .filter((s) => s.context === SYNC_CONTEXT)
      .map((s) => `${s.state}: ${s.description}`);

  it('applies under its field manager, then takes back fields another manager changed', async () => {
    const first = await push('a');
    expect(await gitops.sync('shop')).toMatchObject({ outcome: 'synced', applied: 2 });
    expect(syncStatus(first)).toEqual(['success: applied 2 objects']);
    const config1 = (await api().req('GET', `${CM}/shop-config`)).body;
    expect(managers(config1)).toEqual([
      {
        manager: FIELD_MANAGER,
        operation: 'Apply',
        owns: ['f:data f:level', 'f:data f:mode'],
      },
    ]);
    const deployment = (await api().req('GET', `${DEPLOY}/shop`)).body;
    expect(managers(deployment)[0]).toMatchObject({ manager: FIELD_MANAGER, operation: 'Apply' });
    expect(managers(deployment)[0]?.owns).toContain('f:spec f:replicas');

    // Someone edits the live objects by hand: they now own what they changed.
    const edited = await api().req(
      'PATCH',
      `${CM}/shop-config?fieldManager=kubectl-edit`,
      { data: { level: '9' } },
      'application/merge-patch+json',
    );
    expect(managers(edited.body)).toEqual([
      { manager: FIELD_MANAGER, operation: 'Apply', owns: ['f:data f:mode'] },
      { manager: 'kubectl-edit', operation: 'Update', owns: ['f:data f:level'] },
    ]);
    await api().req(
      'PATCH',
      `${DEPLOY}/shop?fieldManager=kubectl-scale`,
      { spec: { replicas: 5 } },
      'application/merge-patch+json',
    );
    // An apply without force would be refused: this is the conflict GitOps resolves.
    const unforced = await api().req(
      'PATCH',
      `${CM}/shop-config?fieldManager=${FIELD_MANAGER}`,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'shop-config' },
        data: { mode: 'a', level: '1' },
      },
      'application/apply-patch+yaml',
    );
    expect(unforced.status).toBe(409);
    expect(unforced.body.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.level',
    );

    // The next push: Git wins (force), the hand edit's manager loses the field.
    const second = await push('b');
    expect(await gitops.sync('shop')).toMatchObject({ outcome: 'synced', applied: 2 });
    expect(syncStatus(second)).toEqual(['success: applied 2 objects']);
    const config2 = (await api().req('GET', `${CM}/shop-config`)).body;
    expect(config2.data).toEqual({ mode: 'b', level: '1' });
    expect(managers(config2)).toEqual([
      { manager: FIELD_MANAGER, operation: 'Apply', owns: ['f:data f:level', 'f:data f:mode'] },
    ]);
    const deployment2 = (await api().req('GET', `${DEPLOY}/shop`)).body;
    expect(deployment2.spec.replicas).toBe(2);
    expect(
      managers(deployment2).some(
        (m) => m.manager === 'kubectl-scale' && m.owns.includes('f:spec f:replicas'),
      ),
    ).toBe(false);
  });
});
