import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEAR_SCREEN } from '../../src/cli/commands/get.js';
import { startWorld, type World } from '../controller/world.js';
import { pausedMidRollout } from '../http/api/support.js';
import { rollouts, treeRows } from './support.js';

// `get rollout` and `list rollouts` (spec §5) on a canary paused at its first pause step:
// setWeight 20 of 5 replicas = 1 canary pod and 4 stable pods.

let w: World;
beforeAll(async () => {
  w = await startWorld('shop');
  await pausedMidRollout(w);
});
afterAll(() => w.close());

describe('get rollout', () => {
  it('prints the header: paused status with its icon, step 1/8, weights, tagged images, replicas', async () => {
    const r = await rollouts(w, ['get', 'rollout', 'shop']);
    expect(r.code).toBe(0);
    const header = r.stdout.slice(0, r.stdout.indexOf('\n\nNAME'));
    const fields = Object.fromEntries(
      header
        .split('\n')
        .filter((l) => l.includes(':'))
        .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    expect(fields).toMatchObject({
      Name: 'shop',
      Namespace: 'default',
      Status: '॥ Paused',
      Message: 'CanaryPauseStep',
      Strategy: 'Canary',
      Step: '1/8',
      SetWeight: '20',
      ActualWeight: '20',
      Desired: '5',
      Current: '5',
      Updated: '1',
      Ready: '5',
      Available: '5',
    });
    expect(header).toMatch(
      /Images:\s+registry\.example\/shop:v1 \(stable\)\n\s+registry\.example\/shop:v2 \(canary\)/,
    );
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('prints the tree: rollout → revisions newest first → ReplicaSets with their role → pods', async () => {
    const rows = treeRows((await rollouts(w, ['get', 'rollout', 'shop'])).stdout);
    expect(rows[0]).toEqual(['NAME', 'KIND', 'STATUS', 'AGE', 'INFO']);
    expect(rows[1]?.slice(0, 3)).toEqual(['⟳ shop', 'Rollout', '॥ Paused']);
    expect(rows[2]).toEqual(['├──# revision:2']);
    expect(rows[3]?.[0]).toMatch(/^│ {2}└──⧉ shop-\w+$/);
    expect(rows[3]?.slice(1, 3)).toEqual(['ReplicaSet', '✔ Healthy']);
    expect(rows[3]?.at(-1)).toBe('canary');
    expect(rows[4]?.[0]).toMatch(/^│ {5}└──□ shop-\w+-\w+$/);
    expect(rows[4]?.slice(1, 3)).toEqual(['Pod', '✔ Running']);
    expect(rows[4]?.at(-1)).toBe('ready:1/1');
    expect(rows[5]).toEqual(['└──# revision:1']);
    expect(rows[6]?.at(-1)).toBe('stable');
    const stablePods = rows.slice(7);
    expect(stablePods).toHaveLength(4);
    expect(stablePods.every((p) => p[1] === 'Pod' && p.at(-1) === 'ready:1/1')).toBe(true);
    expect(stablePods.at(-1)?.[0]).toMatch(/^ {6}└──□/);
  });

  it('colours the status only on a terminal and never with --no-color or NO_COLOR', async () => {
    expect((await rollouts(w, ['get', 'rollout', 'shop'], { isTTY: true })).stdout).toContain(
      '\u001b[90m॥ Paused\u001b[0m',
    );
    expect(
      (await rollouts(w, ['get', 'rollout', 'shop', '--no-color'], { isTTY: true })).stdout,
    ).not.toContain('\u001b[');
    expect(
      (await rollouts(w, ['get', 'rollout', 'shop'], { isTTY: true, env: { NO_COLOR: '1' } }))
        .stdout,
    ).not.toContain('\u001b[');
  });

  it('-o json and -o yaml print the same view the API serves', async () => {
    const json = JSON.parse((await rollouts(w, ['get', 'ro', 'shop', '-o', 'json'])).stdout) as {
      name: string;
      step: string;
      revisions: unknown[];
    };
    expect(json).toMatchObject({ name: 'shop', step: '1/8' });
    expect(json.revisions).toHaveLength(2);
    expect((await rollouts(w, ['get', 'ro', 'shop', '-o=yaml'])).stdout).toMatch(/^name: shop$/m);
    expect((await rollouts(w, ['get', 'ro', 'shop', '-o', 'wide'])).code).toBe(2);
  });

  it('says which rollout does not exist', async () => {
    const r = await rollouts(w, ['get', 'rollout', 'nope']);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe('error: rollouts.argoproj.io "nope" not found\n');
  });
});

describe('list rollouts', () => {
  it('prints the upstream columns', async () => {
    const r = await rollouts(w, ['list', 'rollouts']);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s{2,}/));
    expect(rows).toEqual([
      [
        'NAME',
        'STRATEGY',
        'STATUS',
        'STEP',
        'SET-WEIGHT',
        'READY',
        'DESIRED',
        'UP-TO-DATE',
        'AVAILABLE',
      ],
      ['shop', 'Canary', 'Paused', '1/8', '20', '5/5', '5', '1', '5'],
    ]);
  });

  it('-A adds the namespace; --name filters; an empty namespace says so', async () => {
    expect((await rollouts(w, ['list', 'ro', '-A'])).stdout.split('\n')[1]).toMatch(
      /^default\s+shop\s+Canary/,
    );
    expect(
      JSON.parse((await rollouts(w, ['list', 'ro', '--name', 'other', '-o', 'json'])).stdout),
    ).toEqual([]);
    const empty = await rollouts(w, ['list', 'rollouts', '-n', 'kube-system']);
    expect(empty).toMatchObject({
      code: 0,
      stdout: '',
      stderr: 'No resources found in kube-system namespace.\n',
    });
  });
});

describe('get rollout --watch', () => {
  it('on a terminal clears and redraws each poll; elsewhere prints a new frame only on change', async () => {
    const w2 = await startWorld('shop');
    try {
      await w2.deploy();
      await w2.setImage('registry.example/shop:v2');
      await w2.settle();
      // The canary pod exists but is not ready yet: the frames must show it becoming ready.
      const ac = new AbortController();
      let polls = 0;
      const sleep = async (ms: number) => {
        await w2.advance(ms);
        if (++polls === 4) ac.abort();
      };
      const plain = await rollouts(w2, ['get', 'rollout', 'shop', '--watch'], {
        sleep,
        signal: ac.signal,
      });
      expect(plain.code).toBe(0);
      const frames = plain.stdout.split('\n\nName:');
      expect(frames.length).toBeGreaterThanOrEqual(2);
      expect(frames[0]).toMatch(/Pod\s+◌ \w+.*ready:0\/1/);
      expect(frames.at(-1)).toContain('॥ Paused');
      expect(frames.at(-1)).not.toContain('ready:0/1');
      expect(plain.stdout).not.toContain(CLEAR_SCREEN);

      const ac2 = new AbortController();
      let ticks = 0;
      const tty = await rollouts(w2, ['get', 'rollout', 'shop', '-w'], {
        isTTY: true,
        signal: ac2.signal,
        sleep: async (ms) => {
          await w2.advance(ms);
          if (++ticks === 3) ac2.abort();
        },
      });
      expect(tty.stdout.split(CLEAR_SCREEN)).toHaveLength(4);
    } finally {
      await w2.close();
    }
  });
});
