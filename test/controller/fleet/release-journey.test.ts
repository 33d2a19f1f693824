import { afterEach, describe, expect, it } from 'vitest';
import { resourcePath } from '../../../src/adapters/kube/index.js';
import type { Release, WindowConfig } from '../../../src/domain/fleet.js';
import {
  applyStopSwitch,
  STOP_SWITCH_NAMESPACE,
} from '../../../src/controller/stop-switch-store.js';
import type { World } from '../world.js';
import { type FleetWorld, imageOf, REPO, startFleetWorld } from './fleet-world.js';

const V1 = 'registry.example/shop:v1';
const V2 = 'registry.example/shop:v2';
const V3 = 'registry.example/shop:v3';
const switches = resourcePath('rollouts.serverless.dev', 'v1alpha1', 'stopswitches');

let fw: FleetWorld | undefined;
afterEach(async () => {
  await fw?.close();
  fw = undefined;
});

const image = async (w: FleetWorld, cluster: string) => imageOf(await w.rollout(cluster));

/** Steps the release and lets the clusters run, until `done` or `max` seconds of cluster time. */
async function runUntil(
  w: FleetWorld,
  name: string,
  done: (r: Release) => boolean | Promise<boolean>,
  max = 400,
): Promise<Release> {
  for (let i = 0; i < max; i++) {
    const step = await w.step(name);
    if (step instanceof Error) throw step;
    const r = await w.release(name);
    if (await done(r)) return r;
    await w.tick(1000);
  }
  throw new Error(
    `release ${name} did not get there: ${JSON.stringify((await w.release(name)).status)}`,
  );
}

/** A whole-fleet stop switch in one cluster, as `rollouts freeze` writes it there. */
async function stopFleet(w: World, by: string, reason: string): Promise<void> {
  await w.kube.create('/api/v1/namespaces', { metadata: { name: STOP_SWITCH_NAMESPACE } });
  await applyStopSwitch(w.kube, { scope: 'fleet', by, reason, at: '2026-12-07T10:00:00Z' });
}

/** v1 in every cluster, released without trouble: the baseline each scenario updates. */
async function baseline(w: FleetWorld): Promise<void> {
  await w.push(V1);
  const name = await w.sync();
  await runUntil(w, name, (r) => r.status?.phase === 'Succeeded');
}

function commitStatus(w: FleetWorld, sha: string, context: string) {
  return (
    w.gh.commitStatuses(REPO, sha) as Array<{ context: string; state: string; description: string }>
  ).find((s) => s.context === context);
}

describe('fleet releases across three clusters (issue 21)', () => {
  it('goes out wave by wave: each wave gets the commit once the one before is Healthy and soaked', async () => {
    fw = await startFleetWorld();
    await baseline(fw);
    const sha = await fw.push(V2);
    const name = await fw.sync();
    const r = await runUntil(fw, name, async (rel) => {
      // While staging soaks, nothing of v2 reaches the production clusters.
      if (rel.status?.waves[0]?.passedAt === undefined) {
        expect(await image(fw as FleetWorld, 'prod-eu')).toBe(V1);
        expect(await image(fw as FleetWorld, 'prod-us')).toBe(V1);
      }
      if (rel.status?.waves[1]?.passedAt === undefined)
        expect(await image(fw as FleetWorld, 'prod-us')).toBe(V1);
      return rel.status?.phase === 'Succeeded';
    });
    const [w1, w2] = r.status?.waves ?? [];
    expect(Date.parse(w1?.passedAt ?? '') - Date.parse(w1?.healthyAt ?? '')).toBeGreaterThanOrEqual(
      30_000,
    );
    expect(Date.parse(w2?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(w1?.passedAt ?? ''));
    expect(r.status?.healthyAt).toBeDefined();
    for (const c of ['staging', 'prod-eu', 'prod-us']) expect(await image(fw, c)).toBe(V2);
    // GitHub: a commit status per wave, a Deployment per cluster.
    for (const wave of [1, 2, 3])
      expect(commitStatus(fw, sha, `release/shop/wave-${wave}`)?.state).toBe('success');
    const envs = fw.gh
      .deployments(REPO)
      .filter((d) => d.sha === sha)
      .map((d) => d.environment);
    expect(envs.sort()).toEqual([
      'prod-eu/default/shop',
      'prod-us/default/shop',
      'staging/default/shop',
    ]);
  }, 120_000);

  it('an abort in wave 2 halts the release: wave 3 never gets the commit, GitHub says where and why', async () => {
    fw = await startFleetWorld();
    await baseline(fw);
    const sha = await fw.push(V2);
    const name = await fw.sync();
    await runUntil(fw, name, async () => (await image(fw as FleetWorld, 'prod-eu')) === V2);
    await fw.tick(1000);
    await fw.worlds.get('prod-eu')?.statusPatch({ abort: true });
    const r = await runUntil(fw, name, (rel) => rel.status?.phase === 'Failed');
    expect(r.status?.failure).toMatchObject({
      cluster: 'prod-eu',
      namespace: 'default',
      name: 'shop',
      reason: 'the Rollout was aborted',
    });
    for (let i = 0; i < 60; i++) {
      await fw.step(name);
      await fw.tick(1000);
    }
    expect(await image(fw, 'prod-us')).toBe(V1);
    expect(r.status?.waves[2]?.clusters[0]?.state).toBe('pending');
    expect(commitStatus(fw, sha, 'release/shop/wave-2')).toMatchObject({
      state: 'failure',
      description: 'prod-eu: default/shop: the Rollout was aborted',
    });
    expect(commitStatus(fw, sha, 'release/shop/wave-3')?.state).toBe('error');
    // The release is over: stepping it again changes nothing.
    expect(await fw.step(name)).toMatchObject({ outcome: 'unchanged' });
  }, 120_000);

  it('onFailure abortAll: an abort in one cluster aborts the same release still progressing in another', async () => {
    fw = await startFleetWorld({
      waves: [{ clusters: ['staging'] }, { clusters: ['prod-eu', 'prod-us'] }],
      onFailure: 'abortAll',
    });
    await baseline(fw);
    await fw.push(V2);
    const name = await fw.sync();
    await runUntil(fw, name, async () => (await image(fw as FleetWorld, 'prod-us')) === V2);
    await fw.tick(1000);
    await fw.worlds.get('prod-eu')?.statusPatch({ abort: true });
    await runUntil(fw, name, (rel) => rel.status?.phase === 'Failed');
    await runUntil(
      fw,
      name,
      async () => (await fw?.rollout('prod-us'))?.status?.abort === true,
      30,
    );
    await fw.tick(3000);
    const us = await fw.rollout('prod-us');
    expect(us?.status?.phase).toBe('Degraded');
    // Staging, already through, is left as it is.
    expect((await fw.rollout('staging'))?.status?.abort).toBeFalsy();
  }, 120_000);

  it('a fleet stop switch holds the wave in flight at its step and keeps the next wave from starting', async () => {
    fw = await startFleetWorld();
    await baseline(fw);
    await fw.push(V2);
    const name = await fw.sync();
    await runUntil(fw, name, async () => (await image(fw as FleetWorld, 'prod-eu')) === V2);
    await fw.tick(2000);
    for (const w of fw.worlds.values()) await stopFleet(w, 'alice', 'incident 42');
    await fw.step(name);
    const held = await fw.release(name);
    expect(held.status?.phase).toBe('Held');
    expect(held.status?.heldBy).toMatchObject({ kind: 'stop' });
    expect(held.status?.heldBy?.reason).toContain('incident 42');
    await fw.tick(1000);
    const step = (await fw.rollout('prod-eu'))?.status?.currentStepIndex;
    for (let i = 0; i < 90; i++) {
      await fw.step(name);
      await fw.tick(1000);
    }
    expect((await fw.rollout('prod-eu'))?.status?.currentStepIndex).toBe(step);
    expect(await image(fw, 'prod-us')).toBe(V1);
    for (const w of fw.worlds.values()) await w.kube.delete(switches('argo-rollouts', 'fleet'));
    const done = await runUntil(fw, name, (rel) => rel.status?.phase === 'Succeeded');
    expect(done.status?.heldBy).toBeUndefined();
    expect(await image(fw, 'prod-us')).toBe(V2);
  }, 180_000);

  it('a newer push supersedes an unfinished release: it stops where it is and the newer one starts at wave 1', async () => {
    fw = await startFleetWorld();
    await baseline(fw);
    const v2 = await fw.push(V2);
    const older = await fw.sync();
    await runUntil(fw, older, async () => (await image(fw as FleetWorld, 'staging')) === V2);
    await fw.push(V3);
    const newer = await fw.sync();
    expect(newer).not.toBe(older);
    await fw.step(older);
    expect((await fw.release(older)).status).toMatchObject({ phase: 'Superseded' });
    await runUntil(fw, newer, (rel) => rel.status?.phase === 'Succeeded');
    for (const c of ['staging', 'prod-eu', 'prod-us']) expect(await image(fw, c)).toBe(V3);
    // v2 never left staging.
    const v2Envs = fw.gh
      .deployments(REPO)
      .filter((d) => d.sha === v2)
      .map((d) => d.environment);
    expect(v2Envs).toEqual(['staging/default/shop']);
  }, 180_000);

  it('a deny window holds the in-flight Rollout at its step on schedule and lets it go when it ends', async () => {
    const gates: WindowConfig = { windows: [], freezes: [] };
    fw = await startFleetWorld({ windows: gates, pauseSeconds: 120 });
    await baseline(fw);
    await fw.push(V2);
    const name = await fw.sync();
    await runUntil(fw, name, async () => (await image(fw as FleetWorld, 'prod-eu')) === V2);
    // A daily deny window from the next whole minute, for three minutes, read in Berlin time.
    const opens = Math.ceil((fw.now() + 1) / 60_000) * 60_000;
    const berlin = new Date(opens + 60 * 60_000); // CET in January: UTC+1
    gates.windows.push({
      kind: 'deny',
      schedule: `${berlin.getUTCMinutes()} ${berlin.getUTCHours()} * * *`,
      durationMs: 3 * 60_000,
      timeZone: 'Europe/Berlin',
    });
    await runUntil(fw, name, (rel) => rel.status?.phase === 'Held');
    const held = await fw.release(name);
    expect(fw.now()).toBeGreaterThanOrEqual(opens);
    expect(held.status?.heldBy).toMatchObject({ kind: 'window' });
    expect(Date.parse(held.status?.heldBy?.until ?? '')).toBe(opens + 3 * 60_000);
    await fw.tick(1000);
    const eu = await fw.rollout('prod-eu');
    const mark = JSON.parse(
      eu?.metadata.annotations?.['rollouts.serverless.dev/release-hold'] ?? '{}',
    );
    expect(mark).toMatchObject({ mode: 'step', release: name });
    const step = eu?.status?.currentStepIndex;
    expect(eu?.status?.message).toContain('held');
    // The 120 s pause ends inside the window: it waits for the window instead.
    for (let i = 0; i < 150 && fw.now() < opens + 3 * 60_000 - 2000; i++) {
      await fw.step(name);
      await fw.tick(1000);
    }
    expect((await fw.rollout('prod-eu'))?.status?.currentStepIndex).toBe(step);
    expect(await image(fw, 'prod-us')).toBe(V1);
    const done = await runUntil(fw, name, (rel) => rel.status?.phase === 'Succeeded', 900);
    expect(done.status?.heldBy).toBeUndefined();
    const after = await fw.rollout('prod-eu');
    expect(after?.metadata.annotations?.['rollouts.serverless.dev/release-hold']).toBeUndefined();
    expect(await image(fw, 'prod-us')).toBe(V2);
  }, 300_000);

  it('lockstep: Rollouts of one wave in two clusters pass each pause only together', async () => {
    fw = await startFleetWorld({
      waves: [{ clusters: ['staging'] }, { clusters: ['prod-eu', 'prod-us'], lockstep: true }],
    });
    await baseline(fw);
    await fw.push(V2);
    const name = await fw.sync();
    await runUntil(fw, name, async () => (await image(fw as FleetWorld, 'prod-us')) === V2);
    // prod-us is held back by hand (spec.paused), so prod-eu gets to the 10 s pause first.
    await fw.worlds.get('prod-us')?.specPatch({ paused: true });
    const euStep = async () => (await fw?.rollout('prod-eu'))?.status?.currentStepIndex;
    const usStep = async () => (await fw?.rollout('prod-us'))?.status?.currentStepIndex;
    await runUntil(fw, name, async () => (await euStep()) === 1, 60);
    for (let i = 0; i < 40; i++) {
      await fw.step(name);
      await fw.tick(1000);
    }
    // 40 s at a 10 s pause: it waits for its peer.
    expect(await euStep()).toBe(1);
    const eu = await fw.rollout('prod-eu');
    expect(
      JSON.parse(eu?.metadata.annotations?.['rollouts.serverless.dev/release-hold'] ?? '{}'),
    ).toMatchObject({ mode: 'pause', release: name });
    await fw.worlds.get('prod-us')?.specPatch({ paused: false });
    // Together past step 1: neither is ever past a pause the other has not reached.
    const done = await runUntil(fw, name, async (rel) => {
      const [a, b] = [(await euStep()) ?? 0, (await usStep()) ?? 0];
      if (rel.status?.phase !== 'Succeeded') expect(Math.abs(a - b)).toBeLessThanOrEqual(2);
      if (a >= 2) expect(b).toBeGreaterThanOrEqual(1);
      if (b >= 4) expect(a).toBeGreaterThanOrEqual(3);
      if (a >= 4) expect(b).toBeGreaterThanOrEqual(3);
      return rel.status?.phase === 'Succeeded';
    });
    const promoted = done.status?.waves[1]?.clusters.flatMap((c) =>
      c.rollouts.map((r) => r.promotedStep),
    );
    expect(promoted).toEqual([3, 3]);
  }, 180_000);

  it('a fleet switch in the home cluster alone (a plain `rollouts freeze` there) holds the release in every cluster', async () => {
    fw = await startFleetWorld();
    await baseline(fw);
    await fw.push(V2);
    const name = await fw.sync();
    await runUntil(fw, name, async () => (await image(fw as FleetWorld, 'prod-eu')) === V2);
    await fw.tick(2000);
    const home = fw.worlds.get('staging') as World;
    await stopFleet(home, 'cli:alice', 'incident 43');
    await fw.step(name);
    expect((await fw.release(name)).status?.heldBy).toMatchObject({ kind: 'stop' });
    await fw.tick(1000);
    const eu = await fw.rollout('prod-eu');
    // prod-eu has no switch of its own: the release holds it, by annotation.
    expect(
      JSON.parse(eu?.metadata.annotations?.['rollouts.serverless.dev/release-hold'] ?? '{}'),
    ).toMatchObject({ mode: 'step', release: name });
    const step = eu?.status?.currentStepIndex;
    for (let i = 0; i < 60; i++) {
      await fw.step(name);
      await fw.tick(1000);
    }
    expect((await fw.rollout('prod-eu'))?.status?.currentStepIndex).toBe(step);
    expect(await image(fw, 'prod-us')).toBe(V1);
    await home.kube.delete(switches('argo-rollouts', 'fleet'));
    await runUntil(fw, name, (rel) => rel.status?.phase === 'Succeeded');
    expect(await image(fw, 'prod-us')).toBe(V2);
  }, 180_000);
});
