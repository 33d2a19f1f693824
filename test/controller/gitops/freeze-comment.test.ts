import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStopSwitches } from '../../../src/controller/stop-switch-store.js';
import { parseCommands } from '../../../src/core/gitops/commands.js';
import { isoTime } from '../../../src/domain/time.js';
import { waitFor } from '../../support/wait-for.js';
import { createSwitchNamespace } from '../stop-switch-support.js';
import { type GitOpsWorld, pushRolloutImage, REPO, startGitOpsWorld } from './gitops-world.js';

// `/rollouts freeze [reason]` and `/rollouts unfreeze` in GitHub comments (issue 21 §5): a writer
// sets the stop switch for the namespaces the repository feeds, recorded with who and why; a
// reader changes nothing.

describe('parseCommands: freeze and unfreeze', () => {
  it.each([
    ['/rollouts freeze', { freeze: 'freeze', reason: '', text: '/rollouts freeze' }],
    [
      '/rollouts freeze  incident 42 --now',
      {
        freeze: 'freeze',
        reason: 'incident 42 --now',
        text: '/rollouts freeze  incident 42 --now',
      },
    ],
    ['/rollouts unfreeze', { freeze: 'unfreeze', reason: '', text: '/rollouts unfreeze' }],
    [
      '/rollouts unfreeze now',
      { error: 'unfreeze takes no arguments', text: '/rollouts unfreeze now' },
    ],
  ])('%j', (body, expected) => {
    expect(parseCommands(body)).toEqual([expected]);
  });

  it('a quoted freeze is not run again', () => {
    expect(parseCommands('> /rollouts freeze')).toEqual([]);
  });
});

describe('freeze from a comment', () => {
  let g: GitOpsWorld;
  beforeEach(async () => {
    g = await startGitOpsWorld();
    await createSwitchNamespace(g.w);
  });
  afterEach(() => g.close());

  const pushImage = (image: string) => pushRolloutImage(g, image);

  async function say(sha: string, user: string, body: string): Promise<string> {
    const before = g.gh.commitComments(REPO, sha).length;
    await g.gh.comment(REPO, { commit: sha }, { user, body });
    await waitFor(() => g.gh.commitComments(REPO, sha).length === before + 2);
    return (g.gh.commitComments(REPO, sha)[before + 1] as { body: string }).body;
  }

  it('a writer freezes the repository’s namespace; a promote then waits until unfreeze', async () => {
    await pushImage('registry.example/shop:v1');
    const v2 = await pushImage('registry.example/shop:v2');
    expect((await g.rollout()).status?.currentStepIndex).toBe(1);

    expect(await say(v2, 'mallory', '/rollouts freeze')).toContain('refused');
    expect(await loadStopSwitches(g.w.kube)).toEqual([]);

    const reply = await say(v2, 'alice', '/rollouts freeze deploy window closed');
    expect(reply).toContain('stop switch set for default');
    expect(await loadStopSwitches(g.w.kube)).toEqual([
      {
        scope: 'namespace',
        namespace: 'default',
        by: 'github:alice',
        reason: 'deploy window closed',
        at: isoTime(g.w.h.clock.now()),
      },
    ]);

    expect(await say(v2, 'alice', '/rollouts promote shop')).toContain('done');
    await g.advance(10_000);
    const held = await g.rollout();
    expect(held.status?.currentStepIndex).toBe(1);
    expect(held.status?.message).toContain('set by github:alice');

    g.woken.length = 0;
    expect(await say(v2, 'alice', '/rollouts unfreeze')).toContain('stop switch cleared');
    expect(await loadStopSwitches(g.w.kube)).toEqual([]);
    // The held Rollout is reconciled at once, not at its next recheck.
    expect(g.woken).toEqual([{ namespace: 'default', name: 'shop' }]);
    await g.advance(5_000);
    expect((await g.rollout()).status?.currentStepIndex).toBeGreaterThan(1);
  });
});
