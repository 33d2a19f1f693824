import { afterEach, describe, expect, it } from 'vitest';
import type { GitSource } from '../../../src/core/gitops/config.js';
import {
  type GitOpsWorld,
  manifestsConfig,
  REPO,
  rolloutYaml,
  startGitOpsWorld,
} from './gitops-world.js';

const CM = '/api/v1/namespaces/default/configmaps';
const cmYaml = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {owner: git}\n`;

const source = (o: Partial<GitSource> = {}): GitSource => ({
  name: 'shop',
  owner: 'acme',
  repo: 'deploy',
  fullName: REPO,
  branch: 'main',
  path: 'k8s',
  namespace: 'default',
  prune: false,
  ...o,
});

describe('pruning what left the repository', () => {
  let g: GitOpsWorld;
  afterEach(() => g.close());

  const exists = async (name: string) => (await g.w.kube.find(`${CM}/${name}`)) !== undefined;
  /** A ConfigMap made by hand (kubectl), not by any source. */
  const handmade = (name: string) =>
    g.w.h.req('POST', CM, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name },
      data: { owner: 'kubectl' },
    });

  it('with prune off, a deleted manifest leaves its object in the cluster', async () => {
    g = await startGitOpsWorld(manifestsConfig({ sources: [source({ prune: false })] }));
    await g.gh.push(REPO, 'main', {
      files: {
        'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v1'),
        'k8s/extra.yaml': cmYaml('extra'),
      },
    });
    expect(await g.drain()).toMatchObject([{ outcome: 'synced', applied: 2 }]);
    expect(await exists('extra')).toBe(true);

    const { sha } = await g.gh.push(REPO, 'main', { remove: ['k8s/extra.yaml'] });
    expect(await g.drain()).toMatchObject([{ outcome: 'synced', sha, applied: 1, pruned: 0 }]);
    expect(await exists('extra')).toBe(true);
    expect(g.commitStatus(sha, 'gitops/dev/shop')).toMatchObject({
      state: 'success',
      description: 'applied 1 object',
    });
  });

  it('with prune on, deletes only what this source applied, never objects made by hand', async () => {
    g = await startGitOpsWorld(manifestsConfig({ sources: [source({ prune: true })] }));
    await handmade('by-hand');
    await g.gh.push(REPO, 'main', {
      files: {
        'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v1'),
        'k8s/extra.yaml': cmYaml('extra'),
        'k8s/keep.yaml': cmYaml('keep'),
      },
    });
    expect(await g.drain()).toMatchObject([{ outcome: 'synced', applied: 3, pruned: 0 }]);
    await g.settle();

    const { sha } = await g.gh.push(REPO, 'main', { remove: ['k8s/extra.yaml'] });
    expect(await g.drain()).toMatchObject([{ outcome: 'synced', sha, pruned: 1 }]);
    expect(await exists('extra')).toBe(false);
    expect(await exists('keep')).toBe(true);
    expect(await exists('by-hand')).toBe(true);
    expect((await g.rollout()).metadata.name).toBe('shop');
    expect(g.commitStatus(sha, 'gitops/dev/shop')?.description).toContain('pruned 1');
  });

  it('an object already deleted by hand is no failure', async () => {
    g = await startGitOpsWorld(manifestsConfig({ sources: [source({ prune: true })] }));
    await g.gh.push(REPO, 'main', {
      files: { 'k8s/a.yaml': cmYaml('a'), 'k8s/b.yaml': cmYaml('b') },
    });
    await g.drain();
    await g.w.kube.delete(`${CM}/b`);
    const { sha } = await g.gh.push(REPO, 'main', { remove: ['k8s/b.yaml'] });
    expect(await g.drain()).toMatchObject([{ outcome: 'synced', sha, pruned: 0 }]);
    expect(g.commitStatus(sha, 'gitops/dev/shop')?.state).toBe('success');
    expect(await exists('a')).toBe(true);
  });

  it('an invalid commit prunes nothing', async () => {
    g = await startGitOpsWorld(manifestsConfig({ sources: [source({ prune: true })] }));
    await g.gh.push(REPO, 'main', {
      files: { 'k8s/a.yaml': cmYaml('a'), 'k8s/b.yaml': cmYaml('b') },
    });
    await g.drain();
    await g.gh.push(REPO, 'main', {
      remove: ['k8s/b.yaml'],
      files: { 'k8s/a.yaml': 'kind: ConfigMap\nmetadata: {name: a\n' },
    });
    expect(await g.drain()).toMatchObject([{ outcome: 'invalid' }]);
    expect(await exists('b')).toBe(true);
  });

  describe('two sources feeding one namespace', () => {
    const twoSources = () =>
      manifestsConfig({
        sources: [source({ prune: true }), source({ name: 'other', path: 'other', prune: true })],
      });

    it('one source pruning never deletes what the other applied', async () => {
      g = await startGitOpsWorld(twoSources());
      await g.gh.push(REPO, 'main', {
        files: {
          'k8s/mine.yaml': cmYaml('mine'),
          'k8s/gone.yaml': cmYaml('gone'),
          'other/theirs.yaml': cmYaml('theirs'),
        },
      });
      expect(await g.drain()).toMatchObject([{ outcome: 'synced' }, { outcome: 'synced' }]);

      await g.gh.push(REPO, 'main', { remove: ['k8s/gone.yaml'] });
      expect(await g.drain()).toMatchObject([{ outcome: 'synced', pruned: 1 }]);
      expect(await exists('gone')).toBe(false);
      expect(await exists('mine')).toBe(true);
      expect(await exists('theirs')).toBe(true);
    });

    it.each([[['other', 'shop']], [['shop', 'other']]])(
      'a manifest moved from one source to the other survives, syncing %j',
      async (order) => {
        g = await startGitOpsWorld(twoSources());
        await g.gh.push(REPO, 'main', {
          files: {
            'k8s/mine.yaml': cmYaml('mine'),
            'k8s/shared.yaml': cmYaml('shared'),
            'other/theirs.yaml': cmYaml('theirs'),
          },
        });
        await g.drain();

        await g.gh.push(REPO, 'main', {
          remove: ['k8s/shared.yaml'],
          files: { 'other/shared.yaml': cmYaml('shared') },
        });
        expect(g.queued.map((h) => h.name).sort()).toEqual(['other', 'shop']);
        g.queued.length = 0;
        // The runtime serialises syncs per source, not across sources: either may go first.
        for (const name of order)
          expect(await g.gitops.sync(name)).toMatchObject({ outcome: 'synced' });
        expect(await exists('shared')).toBe(true);
        expect(await exists('mine')).toBe(true);
        // Nothing else would bring it back: both sources are now at the head.
        expect(await g.gitops.sync('other')).toMatchObject({ outcome: 'unchanged' });
        expect(await g.gitops.sync('shop')).toMatchObject({ outcome: 'unchanged' });
      },
    );
  });
});
