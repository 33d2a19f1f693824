import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GitOpsWorld, REPO, rolloutYaml, startGitOpsWorld } from './gitops-world.js';

const ROLLOUT_CTX = 'rollout/dev/default/shop';
const SYNC_CTX = 'gitops/dev/shop';

/** A Job-provider template whose check exits with `exit` (the devcluster runs the Job). */
const templateYaml = (exit: number) => `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: smoke
spec:
  metrics:
    - name: smoke
      provider:
        job:
          spec:
            backoffLimit: 0
            template:
              spec:
                restartPolicy: Never
                containers:
                  - name: check
                    image: busybox:1.36
                    command: [sh, -c, 'exit ${exit}']
`;

const STEPS =
  '        - setWeight: 20\n        - analysis: {templates: [{templateName: smoke}]}\n        - setWeight: 60\n        - pause: {duration: 5}';

describe('a canary step analysis that fails, pushed through Git', () => {
  let g: GitOpsWorld;
  let v1: string;
  beforeEach(async () => {
    g = await startGitOpsWorld();
    ({ sha: v1 } = await g.gh.push(REPO, 'main', {
      files: {
        'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v1', { steps: STEPS }),
        'k8s/smoke.yaml': templateYaml(1),
      },
    }));
    expect(await g.drain()).toMatchObject([{ outcome: 'synced', updated: ['shop'] }]);
    await g.settle();
    await g.advance(3000);
    expect(g.latestDeployment()).toMatchObject({ sha: v1, state: 'success' });
  });
  afterEach(() => g.close());

  it("aborts the Rollout and fails its GitHub deployment and commit status with the analysis' reason", async () => {
    const { sha: v2 } = await g.gh.push(REPO, 'main', {
      files: { 'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v2', { steps: STEPS }) },
    });
    expect(await g.drain()).toMatchObject([{ outcome: 'synced', sha: v2, updated: ['shop'] }]);
    expect(g.commitStatus(v2, SYNC_CTX)?.state).toBe('success');
    await g.settle();
    await g.advance(15_000);

    const ro = await g.rollout();
    expect(ro.status).toMatchObject({ abort: true, phase: 'Degraded' });
    expect(await g.w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
    const run = (
      await g.w.kube.list<{ status?: { phase?: string; message?: string } }>(
        '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns',
      )
    ).items[0];
    expect(run?.status?.phase).toBe('Failed');

    const deployment = g.latestDeployment();
    expect(deployment).toMatchObject({ sha: v2, state: 'failure' });
    const commit = g.commitStatus(v2, ROLLOUT_CTX);
    expect(commit?.state).toBe('failure');
    for (const description of [deployment?.description ?? '', commit?.description ?? '']) {
      expect(description).toMatch(/^aborted: Step-based analysis phase error\/failed: /);
      // The run's own verdict (which metric, why) must survive GitHub's 140-character limit.
      expect(description).toContain(firstWords(run?.status?.message ?? 'no run message'));
      expect(description.length).toBeLessThanOrEqual(140);
    }
    // The failure is said once: more reconciles of the aborted Rollout post nothing new.
    const statuses = g.gh.deploymentStatuses(REPO, deployment?.id ?? 0).length;
    await g.advance(5000);
    expect(g.gh.deploymentStatuses(REPO, deployment?.id ?? 0)).toHaveLength(statuses);
    // v1's deployment is not touched by v2's failure.
    const first = (g.gh.deployments(REPO) as Array<{ id: number; sha: string }>).find(
      (d) => d.sha === v1,
    );
    expect((g.gh.deploymentStatuses(REPO, first?.id ?? 0)[0] as { state: string }).state).toBe(
      'success',
    );
  });
});

/** The start of a message, as much as any description can be expected to hold. */
function firstWords(message: string): string {
  return message.slice(0, 40);
}
