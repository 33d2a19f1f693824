import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/index.js';
import { startWorld, type World } from '../controller/world.js';
import { pausedMidRollout } from '../http/api/support.js';
import { forbiddenKube, rollouts } from './support.js';

// The write commands (spec §1.8) and `status` (spec §5) against a devcluster whose controller the
// world reconciles: each write is checked in the cluster, and its effect after reconciling.

let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
  await pausedMidRollout(w);
});
afterEach(() => w.close());

const image = async () =>
  ((await w.rollout()).spec.template?.spec?.containers as Array<{ image: string }>)[0]?.image;

describe('promote, status', () => {
  it('promote continues the paused canary to its next step', async () => {
    const r = await rollouts(w, ['promote', 'shop']);
    expect(r).toEqual({ code: 0, stdout: "rollout 'shop' promoted\n", stderr: '' });
    expect((await w.rollout()).status?.pauseConditions).toBeUndefined();
    await w.advance(2000);
    expect((await w.rollout()).status).toMatchObject({ currentStepIndex: 3 });
    expect(await w.counts()).toEqual({ canary: 2, stable: 3, other: 0 });
  });

  it('status --watch follows a full promotion and exits 0 once Healthy', async () => {
    expect((await rollouts(w, ['promote', 'shop', '--full'])).stdout).toBe(
      "rollout 'shop' fully promoted\n",
    );
    const r = await rollouts(w, ['status', 'shop', '--timeout', '2m']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('Healthy');
    expect(lines.length).toBeGreaterThan(1);
    expect((await w.rollout()).status?.phase).toBe('Healthy');
  });

  it('status exits non-zero with the degraded message after abort; retry starts over', async () => {
    expect((await rollouts(w, ['abort', 'shop'])).stdout).toBe("rollout 'shop' aborted\n");
    expect((await w.rollout()).status?.abort).toBe(true);
    const r = await rollouts(w, ['status', 'shop']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: The rollout is in a degraded state with message: RolloutAborted: Rollout aborted update to revision 2\n',
    );
    expect((await rollouts(w, ['retry', 'rollout', 'shop'])).stdout).toBe(
      "rollout 'shop' retried\n",
    );
    expect((await w.rollout()).status?.abort).toBe(false);
  });

  // Issue 19: the README's `abort && retry` after a finished canary stopped at the abort. The plugin
  // writes both without looking; so does the CLI, warning that they change nothing.
  it('abort && retry on a fully promoted rollout write what the plugin writes, warn, and leave it Healthy', async () => {
    await rollouts(w, ['promote', 'shop', '--full']);
    await w.advance(4000);
    expect((await w.rollout()).status?.phase).toBe('Healthy');
    expect(await rollouts(w, ['abort', 'shop'])).toEqual({
      code: 0,
      stdout: "rollout 'shop' aborted\n",
      stderr:
        'warning: rollout shop has no update in progress to abort: the controller ignores it\n',
    });
    expect((await w.rollout()).status?.abort).toBe(true);
    expect(await rollouts(w, ['retry', 'rollout', 'shop'])).toEqual({
      code: 0,
      stdout: "rollout 'shop' retried\n",
      stderr: '',
    });
    expect((await w.rollout()).status?.abort).toBe(false);
    await w.advance(2000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy' });
    expect(ro.status?.stableRS).toBe(ro.status?.currentPodHash);
    expect(await rollouts(w, ['retry', 'rollout', 'shop'])).toEqual({
      code: 0,
      stdout: "rollout 'shop' retried\n",
      stderr: 'warning: rollout shop is not aborted: there is nothing to retry\n',
    });
  });

  it('status on a paused rollout times out, or prints once with --watch=false', async () => {
    const r = await rollouts(w, ['status', 'shop', '-t', '3s']);
    expect(r).toMatchObject({
      code: 1,
      stdout: 'Paused - CanaryPauseStep\n',
      stderr: 'error: Rollout status watch exceeded timeout\n',
    });
    expect(await rollouts(w, ['status', 'shop', '--watch=false'])).toEqual({
      code: 0,
      stdout: 'Paused - CanaryPauseStep\n',
      stderr: '',
    });
  });

  it('a refused operation is an error with the reason', async () => {
    await rollouts(w, ['promote', 'shop', '--full']);
    await w.advance(4000);
    expect(await rollouts(w, ['promote', 'shop'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: rollout shop is already fully promoted\n',
    });
  });
});

describe('pause, resume, restart, set image, undo', () => {
  it('pause and resume write spec.paused', async () => {
    expect((await rollouts(w, ['pause', 'shop'])).code).toBe(0);
    expect((await w.rollout()).spec.paused).toBe(true);
    expect((await rollouts(w, ['resume', 'shop'])).code).toBe(0);
    expect((await w.rollout()).spec.paused).toBe(false);
  });

  it('restart -i 30s writes spec.restartAt 30 s from now', async () => {
    const now = w.h.clock.now();
    const r = await rollouts(w, ['restart', 'shop', '-i', '30s']);
    expect(r.stdout).toBe("rollout 'shop' restarts in 30s\n");
    expect(Date.parse((await w.rollout()).spec.restartAt ?? '')).toBe(
      Math.floor((now + 30_000) / 1000) * 1000,
    );
  });

  it('set image edits the named container, or all with *', async () => {
    expect(
      (await rollouts(w, ['set', 'image', 'shop', 'web=registry.example/shop:v3'])).stdout,
    ).toBe('rollout "shop" image updated\n');
    expect(await image()).toBe('registry.example/shop:v3');
    await rollouts(w, ['set', 'image', 'shop', '*=registry.example/shop:v4']);
    expect(await image()).toBe('registry.example/shop:v4');
    expect((await rollouts(w, ['set', 'image', 'shop', 'nope=x:1'])).stderr).toBe(
      'error: unable to find container named "nope"\n',
    );
    expect((await rollouts(w, ['set', 'image', 'shop', 'web'])).code).toBe(2);
  });

  it('undo goes back to the previous revision; --to-revision names one', async () => {
    expect((await rollouts(w, ['undo', 'shop'])).stdout).toBe(
      "rollout 'shop' rolled back to revision 1\n",
    );
    expect(await image()).toBe('registry.example/shop:v1');
    expect((await rollouts(w, ['undo', 'shop', '--to-revision', '1'])).stdout).toBe(
      'skipped rollback (current template already matches revision 1)\n',
    );
    expect((await rollouts(w, ['undo', 'shop', '--to-revision=7'])).stderr).toBe(
      'error: unable to find specified revision 7 in history\n',
    );
  });
});

describe('errors', () => {
  it('forbidden names the verb and the resource', async () => {
    const r = await rollouts(w, ['pause', 'shop'], {
      kube: forbiddenKube(),
      server: 'https://kube.test',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: forbidden: you cannot get rollouts\.argoproj\.io "shop" in the namespace "default"/,
    );
  });

  it('an unreachable cluster names the server', async () => {
    const kube = new KubeClient({ server: 'http://127.0.0.1:1', timeoutMs: 2000 });
    const r = await rollouts(w, ['list', 'rollouts'], { kube, server: 'http://127.0.0.1:1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: unable to connect to the Kubernetes API at http://127.0.0.1:1',
    );
  });

  it('usage errors exit 2', async () => {
    expect((await rollouts(w, ['frobnicate'])).code).toBe(2);
    expect((await rollouts(w, ['promote'])).stderr).toContain('error: rollout name is required');
    expect((await rollouts(w, ['list', 'rollouts', '--bogus'])).stderr).toContain(
      'unknown flag: --bogus',
    );
    expect((await rollouts(w, [])).code).toBe(2);
    expect((await rollouts(w, ['--help'])).code).toBe(0);
  });

  it('an unknown rollout is not found for every write', async () => {
    for (const argv of [
      ['promote', 'nope'],
      ['abort', 'nope'],
      ['set', 'image', 'nope', 'web=x:1'],
      ['undo', 'nope'],
      ['status', 'nope'],
    ]) {
      expect((await rollouts(w, argv)).stderr, argv.join(' ')).toBe(
        'error: rollouts.argoproj.io "nope" not found\n',
      );
    }
  });
});
