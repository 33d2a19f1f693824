import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/index.js';
import { type CliDeps, runCli } from '../../src/cli/index.js';
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

// `--cluster NAME` (issue 21 §5, a fleet): each name is the kubeconfig context of that cluster
// (as `FLEET=n npm start` names them), reached in turn, with one result line per cluster.
describe('rollouts freeze / unfreeze --cluster', () => {
  let us: World;
  beforeEach(async () => {
    us = await startWorld('shop');
    await createSwitchNamespace(us);
  });
  afterEach(() => us.close());

  /** The CLI with a kubeconfig of contexts `eu` (the suite's world), `us`, and `ap` (down). */
  async function fleetCli(
    argv: string[],
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const contexts: Record<string, { kube: KubeClient; server: string }> = {
      eu: { kube: w.kube, server: w.h.url },
      us: { kube: us.kube, server: us.h.url },
      ap: {
        kube: new KubeClient({ server: 'http://127.0.0.1:9', retry: false, timeoutMs: 2_000 }),
        server: 'http://127.0.0.1:9',
      },
    };
    const deps: CliDeps = {
      io: { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false },
      env: {},
      connect: ({ context }) => {
        const found = context === undefined ? undefined : contexts[context];
        if (!found) throw new Error(`context "${context ?? ''}" not found in the kubeconfig`);
        return found;
      },
      contexts: () => Object.keys(contexts),
      now: () => w.h.clock.now(),
      sleep: () => Promise.resolve(),
      readFile: () => Promise.reject(new Error('no files')),
      actor: 'cli:test',
    };
    const code = await runCli(argv, deps);
    return { code, stdout, stderr };
  }

  it('sets a cluster switch in each named cluster, one line each; unfreeze clears them', async () => {
    const r = await fleetCli(['freeze', '--cluster', 'eu,us', '--reason', 'incident 42']);
    expect(r).toEqual({
      code: 0,
      stdout:
        'eu: stop switch set for cluster eu: incident 42\nus: stop switch set for cluster us: incident 42\n',
      stderr: '',
    });
    const stop = (cluster: string) => ({
      scope: 'cluster',
      cluster,
      by: 'cli:test',
      reason: 'incident 42',
      at: at(),
    });
    expect(await loadStopSwitches(w.kube)).toEqual([stop('eu')]);
    expect(await loadStopSwitches(us.kube)).toEqual([stop('us')]);
    expect((await fleetCli(['unfreeze', '--cluster', 'us', '--cluster', 'eu'])).stdout).toBe(
      'us: stop switch cleared for cluster us\neu: stop switch cleared for cluster eu\n',
    );
    expect([...(await loadStopSwitches(w.kube)), ...(await loadStopSwitches(us.kube))]).toEqual([]);
  });

  it('--fleet reaches every context of the kubeconfig; one not reached fails naming it, the others are set', async () => {
    const r = await fleetCli(['freeze', '--fleet', '--reason', 'incident 43']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'eu: stop switch set for cluster eu: incident 43\nus: stop switch set for cluster us: incident 43\n',
    );
    expect(r.stderr).toMatch(/^ap: not reached: /m);
    expect(r.stderr).toContain('not reached: ap; run the same command again to complete it');
    expect((await loadStopSwitches(us.kube)).map((s) => s.reason)).toEqual(['incident 43']);
    const cleared = await fleetCli(['unfreeze', '--fleet']);
    expect(cleared.stdout).toBe(
      'eu: stop switch cleared for cluster eu\nus: stop switch cleared for cluster us\n',
    );
    expect([...(await loadStopSwitches(w.kube)), ...(await loadStopSwitches(us.kube))]).toEqual([]);
    expect((await fleetCli(['freeze', '--fleet', '--cluster', 'eu'])).code).toBe(2);
  });

  it('-n with --cluster stops that namespace in that cluster', async () => {
    expect((await fleetCli(['freeze', '--cluster', 'us', '-n', 'shop'])).stdout).toBe(
      'us: stop switch set for namespace shop in cluster us\n',
    );
    expect(await loadStopSwitches(us.kube)).toEqual([
      {
        scope: 'namespace',
        cluster: 'us',
        namespace: 'shop',
        by: 'cli:test',
        reason: '',
        at: at(),
      },
    ]);
    expect(await loadStopSwitches(w.kube)).toEqual([]);
  });

  it('writes the clusters it reaches, names the others, and fails so the command is run again', async () => {
    const r = await fleetCli(['freeze', '--cluster', 'eu,ap,mars,us']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      'eu: stop switch set for cluster eu\nus: stop switch set for cluster us\n',
    );
    expect(r.stderr).toMatch(
      /^ap: not reached: unable to connect to the Kubernetes API at http:\/\/127\.0\.0\.1:9: /,
    );
    expect(r.stderr).toContain('mars: not reached: context "mars" not found in the kubeconfig\n');
    expect(r.stderr).toMatch(
      /error: not reached: ap, mars; run the same command again to complete it\n$/,
    );
    expect((await loadStopSwitches(us.kube)).map((s) => s.cluster)).toEqual(['us']);
  });

  it.each([
    [['freeze', '--cluster', ''], 'error: --cluster needs a cluster name\n'],
    [
      ['freeze', '--cluster', 'eu', '--context', 'us'],
      'error: --cluster and --fleet name the contexts to reach: leave out --context\n',
    ],
  ])('%j is a usage error', async (argv, message) => {
    const r = await fleetCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(message)).toBe(true);
    expect(await loadStopSwitches(us.kube)).toEqual([]);
  });
});
