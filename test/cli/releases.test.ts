import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../controller/world.js';
import {
  createReleases,
  failedRelease,
  minutesFrom,
  releaseHistory,
  succeededRelease,
  withoutReleaseCrd,
} from '../support/builders/release.js';
import { rollouts } from './support.js';

// `rollouts releases` and `rollouts releases get` (issue 21 §6) against a devcluster holding
// Release objects with the statuses the release controller writes.
let w: World;
let now: number;
beforeEach(async () => {
  w = await startWorld('shop');
  now = w.h.clock.now();
});
afterEach(() => w.close());

const lines = (text: string) => text.trimEnd().split('\n');

/** shop at a1b2c3d, its second wave Healthy and soaking for 12 more minutes. */
function soakingRelease() {
  const r = succeededRelease(now);
  const status = structuredClone(r.status);
  if (!status) throw new Error('the fixture has a status');
  const [first, second, third] = status.waves;
  if (!first || !second || !third) throw new Error('the fixture has three waves');
  delete second.passedAt;
  second.soakUntil = minutesFrom(now, 12);
  third.clusters = third.clusters.map((c) => ({ name: c.name, state: 'pending', rollouts: [] }));
  delete third.startedAt;
  delete third.healthyAt;
  delete third.soakUntil;
  delete third.passedAt;
  const { healthyAt: _h, finishedAt: _f, ...progressing } = status;
  return { ...r, status: { ...progressing, phase: 'Progressing' as const } };
}

describe('rollouts releases', () => {
  it('lists every namespace newest first, waves compactly, figures at the bottom', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await rollouts(w, ['releases']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(lines(r.stdout)).toEqual([
      'NAMESPACE  NAME             SOURCE   COMMIT   PHASE        WAVES                         AGE',
      'billing    billing-c3d4e5f  billing  c3d4e5f  ॥ Held       1:passed 2:pending 3:pending  18m',
      'shop       shop-b2c3d4e     shop     b2c3d4e  ✖ Failed     1:passed 2:failed 3:pending   58m',
      'shop       shop-a1b2c3d     shop     a1b2c3d  ✔ Succeeded  1:passed 2:passed 3:passed    175m',
      '',
      'Last 30d: 1 deployment (0.03/day), lead time 80m (median of 1), change failure rate 50% (1 of 2), time to restore - (0 restored, 1 unrestored)',
    ]);
  });

  it('-n NS --source S narrows the list and drops the NAMESPACE column', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await rollouts(w, ['releases', '-n', 'shop', '--source', 'shop']);
    expect(lines(r.stdout).slice(0, 3)).toEqual([
      'NAME          SOURCE  COMMIT   PHASE        WAVES                        AGE',
      'shop-b2c3d4e  shop    b2c3d4e  ✖ Failed     1:passed 2:failed 3:pending  58m',
      'shop-a1b2c3d  shop    a1b2c3d  ✔ Succeeded  1:passed 2:passed 3:passed   175m',
    ]);
    expect((await rollouts(w, ['releases', '--source', 'billing'])).stdout).not.toContain('shop-');
  });

  it('a soaking wave shows the time its soak has left', async () => {
    await createReleases(w.kube, [soakingRelease()]);
    const r = await rollouts(w, ['releases']);
    expect(r.stdout).toContain('◌ Progressing  1:passed 2:soaking(12m) 3:pending');
    const get = await rollouts(w, ['releases', 'get', 'shop-a1b2c3d']);
    expect(get.stdout).toMatch(
      new RegExp(`wave 2 +◷ soaking +soak until ${minutesFrom(now, 12)} \\(in 12m\\)`),
    );
  });

  it('-o json answers what GET /api/v1/releases answers', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await rollouts(w, ['releases', '-o', 'json']);
    const body = JSON.parse(r.stdout) as {
      releases: { name: string; phase: string }[];
      figures: { deployments: number; failedChanges: number };
    };
    expect(body.releases.map((x) => [x.name, x.phase])).toEqual([
      ['billing-c3d4e5f', 'Held'],
      ['shop-b2c3d4e', 'Failed'],
      ['shop-a1b2c3d', 'Succeeded'],
    ]);
    expect(body.figures).toMatchObject({ deployments: 1, failedChanges: 1 });
  });

  it('with no releases says so on stderr and exits 0', async () => {
    expect(await rollouts(w, ['releases'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No releases found.\n',
    });
    expect((await rollouts(w, ['releases', '-n', 'shop'])).stderr).toBe(
      'No releases found in shop namespace.\n',
    );
  });

  it('a cluster without the Release CRD warns and lists nothing', async () => {
    await withoutReleaseCrd(async (kube) => {
      const r = await rollouts(w, ['releases'], { kube });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^warning: the Release CRD .* is not installed/);
      expect(r.stderr).toContain('No releases found.');
    });
  });
});

describe('rollouts releases get', () => {
  it('shows each wave with its clusters and Rollouts, and where and why it failed', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await rollouts(w, ['releases', 'get', 'shop-b2c3d4e']);
    expect(r.code).toBe(0);
    const at = (m: number) => minutesFrom(now, -m);
    expect(lines(r.stdout)).toEqual([
      'Name:           shop-b2c3d4e',
      'Namespace:      shop',
      'Source:         shop',
      'Commit:         b2c3d4e5f60718293a4b5c6d7e8f901234567890',
      'Phase:          ✖ Failed',
      `Committed:      ${at(60)} (60m ago)`,
      `Started:        ${at(58)} (58m ago)`,
      `Finished:       ${at(30)} (30m ago)`,
      `Failure:        prod-eu shop/web: the Rollout is Degraded (${at(30)})`,
      '',
      'WAVE            STATE       INFO',
      'wave 1          ✔ passed',
      '└──staging      ✔ healthy',
      '   └──shop/web  ✔ Healthy   revision:5',
      'wave 2          ✖ failed',
      '└──prod-eu      ✖ failed',
      '   └──shop/web  ✖ Degraded  revision:8',
      'wave 3          • pending',
      '├──prod-us      • pending',
      '└──prod-ap      • pending',
    ]);
  });

  it('says what holds a release and until when; finds it in any namespace without -n', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await rollouts(w, ['releases', 'get', 'billing-c3d4e5f']);
    expect(r.stdout).toContain(
      `Held by:        window: deny window "0 18 * * 5" (Europe/Paris), until ${minutesFrom(now, 120)} (in 120m)`,
    );
    expect(
      (await rollouts(w, ['releases', 'get', 'billing-c3d4e5f', '-n', 'billing'])).stdout,
    ).toBe(r.stdout);
  });

  it('-o json prints the release whole', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await rollouts(w, ['releases', 'get', 'shop-b2c3d4e', '-n', 'shop', '-o', 'json']);
    const body = JSON.parse(r.stdout) as { kind: string; spec: unknown; status: unknown };
    const expected = failedRelease(now);
    expect(body.kind).toBe('Release');
    expect(body.spec).toEqual(expected.spec);
    expect(body.status).toEqual(expected.status);
  });

  it.each([
    [
      ['releases', 'get', 'shop-nope'],
      1,
      'error: releases.rollouts.serverless.dev "shop-nope" not found\n',
    ],
    [
      ['releases', 'get', 'shop-b2c3d4e', '-n', 'billing'],
      1,
      'error: releases.rollouts.serverless.dev "shop-b2c3d4e" not found\n',
    ],
    [['releases', 'get'], 2, 'error: release name is required\n'],
    [
      ['releases', 'list'],
      2,
      'error: releases: unknown subcommand "list": use "releases get NAME"\n',
    ],
    [['releases', '-o', 'wide'], 2, 'error: unsupported output format "wide": use json or yaml\n'],
  ])('%j exits %i', async (argv, code, stderr) => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await rollouts(w, argv);
    expect(r.code).toBe(code);
    expect(r.stderr.startsWith(stderr)).toBe(true);
  });

  it('a name in two namespaces needs -n (usage, exit 2)', async () => {
    const twin = failedRelease(now);
    await createReleases(w.kube, [
      twin,
      { ...twin, metadata: { ...twin.metadata, namespace: 'billing' } },
    ]);
    const r = await rollouts(w, ['releases', 'get', 'shop-b2c3d4e']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'release "shop-b2c3d4e" is in several namespaces (billing, shop): use -n',
    );
  });
});
