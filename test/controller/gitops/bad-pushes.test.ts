import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type GitOpsWorld,
  manifestsConfig,
  REPO,
  rolloutYaml,
  startGitOpsWorld,
} from './gitops-world.js';

const SYNC_CTX = 'gitops/dev/shop';

describe('bad pushes fail the commit and leave the cluster untouched', () => {
  let g: GitOpsWorld;
  let goodVersion: string | undefined;
  beforeEach(async () => {
    g = await startGitOpsWorld(manifestsConfig({ maxFileBytes: 4000 }));
    await g.gh.push(REPO, 'main', {
      files: { 'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v1') },
    });
    expect(await g.drain()).toMatchObject([{ outcome: 'synced' }]);
    await g.settle();
    goodVersion = (await g.rollout()).metadata.resourceVersion;
  });
  afterEach(() => g.close());

  it.each([
    [
      'invalid YAML',
      {
        'k8s/rollout.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: shop\n',
      },
      'invalid YAML',
    ],
    [
      'an unknown kind',
      {
        'k8s/extra.yaml':
          'apiVersion: argoproj.io/v1alpha1\nkind: Rolout\nmetadata: {name: typo}\n',
      },
      'does not serve kind Rolout',
    ],
    [
      'an invalid Rollout spec',
      {
        'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v2', {
          steps: '        - setWeight: 200',
        }),
      },
      'SetWeight needs to be between 0 and 100',
    ],
    ['a huge file', { 'k8s/big.yaml': `# ${'x'.repeat(5000)}\n` }, 'the limit is 4000'],
    [
      'another namespace',
      {
        'k8s/svc.yaml':
          'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: other}\nspec: {ports: [{port: 80}]}\n',
      },
      "is not this source's namespace",
    ],
    [
      'a schema violation the server refuses',
      {
        'k8s/cm.yaml':
          'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: "eighty"}]}\n',
      },
      'Service s',
    ],
  ])('%s', async (_what, files, reason) => {
    // A valid change in the same push must not be applied either: all or nothing.
    const { sha } = await g.gh.push(REPO, 'main', {
      files: {
        'k8s/ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\ndata: {a: b}\n',
        ...files,
      },
    });
    const [result] = await g.drain();
    expect(result).toMatchObject({ outcome: 'invalid', sha });
    expect(result && 'problems' in result ? result.problems.join('\n') : '').toContain(reason);
    // The commit says so within GitHub's 140 characters, naming the file.
    const status = g.commitStatus(sha, SYNC_CTX);
    expect(status?.state).toBe('failure');
    expect(status?.description).toMatch(/^not applied: k8s\/\S+\.yaml/);
    expect(status?.description.length).toBeLessThanOrEqual(140);
    expect((await g.rollout()).metadata.resourceVersion).toBe(goodVersion);
    expect(await g.w.kube.find('/api/v1/namespaces/default/configmaps/ok')).toBeUndefined();
  });

  it('a deleted branch is reported on its last commit and deletes nothing', async () => {
    const head = (g.gh.deployments(REPO) as Array<{ sha: string }>)[0]?.sha ?? '';
    const [delivery] = await g.gh.deleteBranch(REPO, 'main');
    expect(delivery?.status).toBe(202);
    expect(g.commitStatus(head, SYNC_CTX)).toMatchObject({
      state: 'failure',
      description: expect.stringContaining('was deleted'),
    });
    expect((await g.rollout()).metadata.resourceVersion).toBe(goodVersion);
    expect(g.queued).toHaveLength(0);
  });
});
