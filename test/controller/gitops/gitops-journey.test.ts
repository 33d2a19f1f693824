import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GitOpsWorld, REPO, rolloutYaml, startGitOpsWorld } from './gitops-world.js';

const ROLLOUT_CTX = 'rollout/dev/default/shop';
const SYNC_CTX = 'gitops/dev/shop';

describe('GitOps through GitHub: a push drives a canary, GitHub follows it', () => {
  let g: GitOpsWorld;
  beforeEach(async () => {
    g = await startGitOpsWorld();
  });
  afterEach(() => g.close());

  async function pushImage(image: string): Promise<string> {
    const { sha, deliveries } = await g.gh.push(REPO, 'main', {
      files: { 'k8s/rollout.yaml': rolloutYaml(image), 'README.md': 'docs' },
    });
    expect(deliveries.map((d) => d.status)).toEqual([202]);
    return sha;
  }

  it('applies the first revision, reports it, then canaries the next one through a promote from GitHub', async () => {
    const v1 = await pushImage('registry.example/shop:v1');
    expect(await g.drain()).toMatchObject([{ outcome: 'synced', updated: ['shop'] }]);
    expect(g.commitStatus(v1, SYNC_CTX)?.state).toBe('success');
    await g.settle();
    await g.advance(3000);
    expect((await g.rollout()).status?.phase).toBe('Healthy');
    expect(g.latestDeployment()).toMatchObject({ sha: v1, state: 'success' });
    expect(g.commitStatus(v1, ROLLOUT_CTX)?.state).toBe('success');

    const v2 = await pushImage('registry.example/shop:v2');
    await g.drain();
    await g.settle();
    await g.advance(2000);
    const paused = await g.rollout();
    expect(paused.status?.phase).toBe('Paused');
    expect(paused.status?.currentStepIndex).toBe(1);
    expect(await g.w.counts()).toMatchObject({ canary: 1, stable: 4 });
    const deployment = g.latestDeployment();
    expect(deployment).toMatchObject({ sha: v2, state: 'in_progress' });
    expect(deployment?.description).toContain('step 1/4, 20% canary');
    expect(g.commitStatus(v2, ROLLOUT_CTX)).toMatchObject({ state: 'pending' });

    // A reader may not promote; the reply says why and nothing moves.
    await g.gh.comment(
      REPO,
      { commit: v2 },
      { user: 'mallory', body: 'ship it\n/rollouts promote shop' },
    );
    await g.gh.settle();
    await waitFor(() => g.gh.commitComments(REPO, v2).length === 2);
    const refusal = g.gh.commitComments(REPO, v2)[1] as { body: string };
    expect(refusal.body).toContain('refused');
    expect(refusal.body).toContain('"read"');
    expect((await g.rollout()).status?.currentStepIndex).toBe(1);

    // A writer may; the Rollout's events say who.
    await g.gh.comment(REPO, { commit: v2 }, { user: 'alice', body: '/rollouts promote shop' });
    await waitFor(() => g.gh.commitComments(REPO, v2).length === 4);
    expect((g.gh.commitComments(REPO, v2)[3] as { body: string }).body).toContain('done');
    await g.settle();
    await g.advance(12_000);
    const done = await g.rollout();
    expect(done.status?.phase).toBe('Healthy');
    expect(done.status?.stableRS).toBe(done.status?.currentPodHash);
    expect(g.latestDeployment()).toMatchObject({ sha: v2, state: 'success' });
    expect(g.commitStatus(v2, ROLLOUT_CTX)?.state).toBe('success');
    const events = (
      await g.w.kube.list<{ reason: string; message: string }>('/api/v1/namespaces/default/events')
    ).items;
    expect(events.find((e) => e.reason === 'PromoteRequested')?.message).toContain('github:alice');
    // GitHub's auto_inactive retired v1's deployment when v2's succeeded.
    const v1Deployment = (g.gh.deployments(REPO) as Array<{ id: number; sha: string }>).find(
      (d) => d.sha === v1,
    );
    expect(
      (g.gh.deploymentStatuses(REPO, v1Deployment?.id ?? 0)[0] as { state: string }).state,
    ).toBe('inactive');
  });

  it('a redelivered or out-of-order push neither applies twice nor goes back', async () => {
    const v1 = await pushImage('registry.example/shop:v1');
    const first = g.gh.deliveries().at(-1);
    await g.drain();
    await g.settle();
    const v2 = await pushImage('registry.example/shop:v2');
    await g.drain();
    await g.settle();
    const before = await g.rollout();
    const deployments = g.gh.deployments(REPO).length;

    // GitHub's "Redeliver" of the v1 push: same delivery id, answered as a duplicate.
    const again = await g.gh.redeliver(first?.id ?? '');
    expect(again.status).toBe(200);
    expect(again.body).toContain('already received');
    // The v1 push arriving late under a new id: the sync reads the branch head (v2) and has nothing to do.
    await g.gh.deliver(REPO, 'push', { ...(first?.payload as object) });
    expect(await g.drain()).toMatchObject([{ outcome: 'unchanged', sha: v2 }]);
    const after = await g.rollout();
    expect(after.metadata.generation).toBe(before.metadata.generation);
    expect(after.spec.template?.spec?.containers).toMatchObject([
      { image: 'registry.example/shop:v2' },
    ]);
    expect(g.gh.deployments(REPO)).toHaveLength(deployments);
    expect(v1).not.toBe(v2);
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
