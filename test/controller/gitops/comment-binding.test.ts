import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommands } from '../../../src/core/gitops/commands.js';
import { waitFor } from '../../support/wait-for.js';
import { type GitOpsWorld, pushRolloutImage, REPO, startGitOpsWorld } from './gitops-world.js';

// Issue 15 through GitHub comments: `--step-index N --pod-hash H` bind a command to the state the
// commenter saw; the same command again once the Rollout has moved on is refused, nothing changes.

describe('parseCommands: the state a command is meant for', () => {
  it.each([
    [
      '/rollouts promote shop --step-index 1 --pod-hash 6b7c9d',
      { stepIndex: 1, podHash: '6b7c9d' },
    ],
    ['/rollouts promote --pod-hash=6b7c9d shop', { podHash: '6b7c9d' }],
    ['/rollouts abort default/shop --step-index=0', { stepIndex: 0 }],
  ])('%j', (body, expected) => {
    expect(parseCommands(body)).toEqual([
      expect.objectContaining({ target: expect.stringMatching(/shop$/) as string, expected }),
    ]);
  });

  it.each([
    ['/rollouts promote shop --step-index', '--step-index needs a value'],
    ['/rollouts promote shop --pod-hash=', '--pod-hash needs a value'],
    ['/rollouts promote shop --step-index two', 'invalid --step-index "two"'],
    ['/rollouts promote shop --pod-hash a/b', 'invalid --pod-hash "a/b"'],
  ])('%j: an error to answer', (body, message) => {
    expect(parseCommands(body)).toEqual([
      { error: expect.stringContaining(message) as string, text: body },
    ]);
  });

  it('without them the command names no state (it is bound to the first read)', () => {
    expect(parseCommands('/rollouts promote shop')[0]).not.toHaveProperty('expected');
  });
});

describe('a promote comment meant for a pause the Rollout has left', () => {
  let g: GitOpsWorld;
  beforeEach(async () => {
    g = await startGitOpsWorld();
  });
  afterEach(() => g.close());

  const pushImage = (image: string) => pushRolloutImage(g, image);

  it('is refused with the reason, and the Rollout stays where the first one took it', async () => {
    await pushImage('registry.example/shop:v1');
    const v2 = await pushImage('registry.example/shop:v2');
    const paused = await g.rollout();
    expect(paused.status?.currentStepIndex).toBe(1);
    const command = `/rollouts promote shop --step-index 1 --pod-hash ${paused.status?.currentPodHash ?? ''}`;
    await g.gh.comment(REPO, { commit: v2 }, { user: 'alice', body: command });
    await waitFor(() => g.gh.commitComments(REPO, v2).length === 2);
    expect((g.gh.commitComments(REPO, v2)[1] as { body: string }).body).toContain('done');
    await g.settle();
    const moved = await g.rollout();
    expect(moved.status?.currentStepIndex).toBeGreaterThan(1);

    await g.gh.comment(REPO, { commit: v2 }, { user: 'alice', body: command });
    await waitFor(() => g.gh.commitComments(REPO, v2).length === 4);
    const reply = (g.gh.commitComments(REPO, v2)[3] as { body: string }).body;
    expect(reply).toContain(
      'refused — rollout shop has moved on from the state this operation was meant for (step index 1 → ',
    );
    expect((await g.rollout()).metadata.resourceVersion).toBe(moved.metadata.resourceVersion);
  });
});
