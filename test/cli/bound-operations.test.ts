import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReactingKube } from '../controller/reacting-kube.js';
import { startWorld, type World } from '../controller/world.js';
import { rollouts } from './support.js';

// Issue 15 through the CLI: each write is bound to the state the command read first, or to the
// one named with --step-index/--pod-hash; when the Rollout has moved on it fails with the reason.

let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
  await w.deploy();
  await w.setImage('registry.example/shop:v2');
  await w.advance(3000);
  expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
});
afterEach(() => w.close());

const podHash = async () => (await w.rollout()).status?.currentPodHash ?? '';

describe('rollouts promote', () => {
  it('fifty at once, with the controller reacting to each write, advance exactly one step', async () => {
    const kube = new ReactingKube(w);
    const runs = await Promise.all(
      Array.from({ length: 50 }, () => rollouts(w, ['promote', 'shop'], { kube })),
    );
    expect(runs.filter((r) => r.code === 0)).toEqual([
      { code: 0, stdout: "rollout 'shop' promoted\n", stderr: '' },
    ]);
    for (const r of runs.filter((x) => x.code !== 0)) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^error: .*(already pending|moved on|changed while promote|the object has been modified)/,
      );
    }
    await w.advance(3000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
    expect(await w.counts()).toEqual({ canary: 2, stable: 3, other: 0 });
  });

  it('--step-index/--pod-hash of a state it has moved on from: an error, and nothing written', async () => {
    const hash = await podHash();
    expect(
      (await rollouts(w, ['promote', 'shop', '--step-index', '1', '--pod-hash', hash])).code,
    ).toBe(0);
    await w.settle();
    const before = (await w.rollout()).metadata.resourceVersion;
    w.h.clock.advance(1000);
    const again = await rollouts(w, ['promote', 'shop', '--step-index=1', `--pod-hash=${hash}`]);
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: rollout shop has moved on from the state this operation was meant for (step index 1 → 2); nothing was changed\n',
    });
    expect((await w.rollout()).metadata.resourceVersion).toBe(before);
  });

  it('set image and undo bound to an old pod hash fail and change nothing', async () => {
    const old = await podHash();
    await w.setImage('registry.example/shop:v3');
    await w.advance(3000);
    const before = (await w.rollout()).metadata.resourceVersion;
    for (const argv of [
      ['set', 'image', 'shop', 'web=registry.example/shop:v9'],
      ['undo', 'shop'],
      ['abort', 'shop'],
    ]) {
      const r = await rollouts(w, [...argv, '--pod-hash', old]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `has moved on from the state this operation was meant for (pod hash ${old} → `,
      );
    }
    expect((await w.rollout()).metadata.resourceVersion).toBe(before);
  });

  it.each([
    [['--step-index', 'x'], 'invalid --step-index "x"'],
    [['--pod-hash', 'a b'], 'invalid --pod-hash "a b"'],
  ])('%j is a usage error', async (flags, message) => {
    const r = await rollouts(w, ['promote', 'shop', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
