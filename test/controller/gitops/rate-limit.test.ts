import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reconcileWithReport } from '../../../src/controller/gitops/reconcile-with-report.js';
import { reconcileRollout } from '../../../src/controller/reconcile-rollout.js';
import { type GitOpsWorld, REPO, rolloutYaml, startGitOpsWorld } from './gitops-world.js';

const ROLLOUT_CTX = 'rollout/dev/default/shop';
const DEPLOYMENT_STATUSES = /^\/repos\/acme\/deploy\/deployments\/\d+\/statuses$/;
const COMMIT_STATUSES = /^\/repos\/acme\/deploy\/statuses\/[0-9a-f]{40}$/;

describe('GitHub rate-limiting status writes', () => {
  let g: GitOpsWorld;
  let v2: string;
  beforeEach(async () => {
    g = await startGitOpsWorld();
    await g.gh.push(REPO, 'main', {
      files: { 'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v1') },
    });
    await g.drain();
    await g.settle();
    await g.advance(3000);
    expect(g.latestDeployment()?.state).toBe('success');
    ({ sha: v2 } = await g.gh.push(REPO, 'main', {
      files: { 'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v2') },
    }));
    expect(await g.drain()).toMatchObject([{ outcome: 'synced', updated: ['shop'] }]);
    // The cluster reaches the pause step before anything is reported.
    await g.w.advance(2000);
    expect((await g.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
  });
  afterEach(() => g.close());

  const v2Deployment = () =>
    (g.gh.deployments(REPO) as Array<{ id: number; sha: string }>).find((d) => d.sha === v2)?.id ??
    0;
  const deploymentStates = () =>
    (g.gh.deploymentStatuses(REPO, v2Deployment()) as Array<{ state: string; description: string }>)
      .map((s) => `${s.state}: ${s.description}`)
      .reverse();
  const commitStates = () =>
    (
      g.gh.commitStatuses(REPO, v2) as Array<{
        state: string;
        context: string;
        description: string;
      }>
    )
      .filter((s) => s.context === ROLLOUT_CTX)
      .map((s) => `${s.state}: ${s.description}`)
      .reverse();
  const statusWrites = () =>
    g.gh.requests.filter(
      (r) =>
        r.method === 'POST' && (DEPLOYMENT_STATUSES.test(r.path) || COMMIT_STATUSES.test(r.path)),
    ).length;

  it('403 with the budget spent: the Rollout goes on, and its latest state is posted once after x-ratelimit-reset', async () => {
    const resetSeconds = Math.ceil((g.w.h.clock.now() + 60_000) / 1000);
    g.gh.failNext({
      method: 'POST',
      path: DEPLOYMENT_STATUSES,
      status: 403,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': String(resetSeconds),
      },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });

    // The reconcile commits as usual; GitHub's reset time becomes its next wake-up.
    const result = await reconcileWithReport(
      () =>
        reconcileRollout(
          { kube: g.w.kube, now: () => g.w.h.clock.now() },
          { namespace: 'default', name: 'shop' },
        ),
      g.gitops,
    );
    expect(result.rollout?.status?.phase).toBe('Paused');
    expect(result.nextReconcileAt).toBe(resetSeconds * 1000);

    // Promoted in the cluster while GitHub says wait: the Rollout finishes, and nothing is sent.
    const writes = statusWrites();
    await g.w.statusPatch({ pauseConditions: null, controllerPause: false, currentStepIndex: 2 });
    await g.advance(20_000);
    const done = await g.rollout();
    expect(done.status?.phase).toBe('Healthy');
    expect(done.status?.stableRS).toBe(done.status?.currentPodHash);
    expect(await g.w.counts()).toMatchObject({ canary: 0, stable: 5 });
    expect(statusWrites()).toBe(writes);
    expect(g.latestDeployment()).toMatchObject({ sha: v2, state: 'queued' });

    await g.advance(45_000);
    expect(g.latestDeployment()).toMatchObject({ sha: v2, state: 'success' });
    expect(deploymentStates()).toEqual([
      expect.stringMatching(/^queued: /),
      expect.stringMatching(/^success: rolled out/),
    ]);
    expect(commitStates()).toEqual([
      'pending: applied; waiting for the controller',
      expect.stringMatching(/^success: rolled out/),
    ]);
  });

  it.each([
    ['429 with retry-after', 429, { 'retry-after': '30' }],
    ['403 secondary limit with retry-after', 403, { 'retry-after': '30' }],
  ])(
    '%s on the commit status, after the deployment status went through: each posted once',
    async (_what, status, headers) => {
      g.gh.failNext({ method: 'POST', path: COMMIT_STATUSES, status, headers });
      const retryAt = await g.gitops.report(await g.rollout());
      expect(retryAt).toBe(g.w.h.clock.now() + 30_000);
      expect(deploymentStates()).toEqual([
        expect.stringMatching(/^queued: /),
        'in_progress: paused at step 1/4, 20% canary: awaiting promotion',
      ]);

      await g.advance(20_000);
      expect(commitStates()).toEqual(['pending: applied; waiting for the controller']);
      expect((await g.rollout()).status?.phase).toBe('Paused');

      await g.advance(15_000);
      expect(commitStates()).toEqual([
        'pending: applied; waiting for the controller',
        'pending: paused at step 1/4, 20% canary: awaiting promotion',
      ]);
      // No second copy of the deployment status that had already been accepted.
      expect(deploymentStates()).toEqual([
        expect.stringMatching(/^queued: /),
        'in_progress: paused at step 1/4, 20% canary: awaiting promotion',
      ]);
      const writes = statusWrites();
      await g.advance(5000);
      expect(statusWrites()).toBe(writes);
    },
  );

  it('a GitHub outage (502) is retried without waiting on GitHub, and posted once when it is back', async () => {
    g.gh.failNext({ method: 'POST', path: DEPLOYMENT_STATUSES, status: 502 });
    g.gh.failNext({ method: 'POST', path: COMMIT_STATUSES, status: 502, times: 2 });
    // A wake-up is armed in case nothing else reconciles the Rollout; any earlier reconcile retries.
    expect(await g.gitops.report(await g.rollout())).toBe(g.w.h.clock.now() + 30_000);
    expect(deploymentStates()).toHaveLength(1);
    expect(await g.gitops.report(await g.rollout())).toBe(g.w.h.clock.now() + 30_000);
    expect(deploymentStates()).toHaveLength(2);
    await g.advance(5000);
    expect(deploymentStates()).toEqual([
      expect.stringMatching(/^queued: /),
      'in_progress: paused at step 1/4, 20% canary: awaiting promotion',
    ]);
    expect(commitStates()).toEqual([
      'pending: applied; waiting for the controller',
      'pending: paused at step 1/4, 20% canary: awaiting promotion',
    ]);
  });
});
