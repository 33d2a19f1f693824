import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStopSwitches } from '../../src/controller/stop-switch-store.js';
import { isoTime } from '../../src/domain/time.js';
import { startWorld, type World } from '../controller/world.js';
import { createSwitchNamespace } from '../controller/stop-switch-support.js';
import { rollouts } from './support.js';

// `rollouts freeze|unfreeze` (issue 21 §5) against a devcluster: the switch it stores says who,
// why and when, and a Rollout it covers holds until `unfreeze`.
let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
  await createSwitchNamespace(w);
});
afterEach(() => w.close());

const at = () => isoTime(w.h.clock.now());

describe('rollouts freeze / unfreeze', () => {
  it('freeze without a namespace stops the fleet, recording who, why and when', async () => {
    const r = await rollouts(w, ['freeze', '--reason', 'incident 42']);
    expect(r).toEqual({
      code: 0,
      stdout: 'stop switch set for the fleet: incident 42\n',
      stderr: '',
    });
    expect(await loadStopSwitches(w.kube)).toEqual([
      { scope: 'fleet', by: 'cli:test', reason: 'incident 42', at: at() },
    ]);
  });

  it.each([['-n'], ['--namespace-scope']])('%s NS stops one namespace', async (flag) => {
    expect((await rollouts(w, ['freeze', flag, 'shop'])).stdout).toBe(
      'stop switch set for namespace shop\n',
    );
    expect(await loadStopSwitches(w.kube)).toEqual([
      { scope: 'namespace', namespace: 'shop', by: 'cli:test', reason: '', at: at() },
    ]);
  });

  it('freezing again updates why; unfreeze clears only the switch named', async () => {
    await rollouts(w, ['freeze', '--reason', 'first']);
    await rollouts(w, ['freeze', '-n', 'shop']);
    await rollouts(w, ['freeze', '--reason', 'second']);
    expect((await loadStopSwitches(w.kube)).map((s) => [s.scope, s.reason])).toEqual([
      ['fleet', 'second'],
      ['namespace', ''],
    ]);
    expect((await rollouts(w, ['unfreeze'])).stdout).toBe('stop switch cleared for the fleet\n');
    expect((await loadStopSwitches(w.kube)).map((s) => s.scope)).toEqual(['namespace']);
    expect((await rollouts(w, ['unfreeze'])).stdout).toBe('no stop switch was set for the fleet\n');
  });

  it('a frozen canary holds at its timed pause until unfreeze', async () => {
    await w.deploy({ steps: [{ setWeight: 20 }, { pause: { duration: 10 } }, { setWeight: 60 }] });
    await w.setImage('registry.example/shop:v2');
    await w.advance(3_000);
    await rollouts(w, ['freeze', '-n', 'default', '--reason', 'hold it']);
    await w.advance(20_000, 1_000);
    expect((await w.rollout()).status).toMatchObject({
      currentStepIndex: 1,
      message: expect.stringContaining('set by cli:test since') as unknown,
    });
    await rollouts(w, ['unfreeze', '-n', 'default']);
    await w.advance(10_000, 1_000);
    const done = await w.rollout();
    expect(done.status?.stableRS).toBe(done.status?.currentPodHash);
  });

  it.each([
    [['freeze', 'extra'], 'error: freeze takes no arguments\n'],
    [
      ['freeze', '-n', 'a', '--namespace-scope', 'b'],
      'error: --namespace-scope and -n name different namespaces\n',
    ],
  ])('%j is a usage error', async (argv, message) => {
    const r = await rollouts(w, argv);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(await loadStopSwitches(w.kube)).toEqual([]);
  });
});
