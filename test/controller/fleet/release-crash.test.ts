import { describe, expect, it } from 'vitest';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import type { Release } from '../../../src/domain/fleet.js';
import { CLUSTERS, imageOf, REPO, startFleetWorld } from './fleet-world.js';

/** A seeded generator, so a failing run can be repeated (the seed is in the test's name). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Issue 21 acceptance: "Killing the controller at any moment of a release and starting it again
 * continues the release with no wave skipped or repeated." Every Kubernetes request of the release
 * handler may die, before it reaches the API server or after (the write happened, the handler did
 * not live to see it), which is a handler killed at that point; the next step is a new handler
 * reading what was persisted. The member clusters' own controllers keep running.
 */
describe.each([11, 23, 47])('a release whose handler dies at random moments (seed %i)', (seed) => {
  it('delivers every wave once, in order, each after the one before it passed', async () => {
    const next = random(seed);
    const firstApply = new Map<string, number>();
    let crashes = 0;
    let armed = false;
    const fw = await startFleetWorld({
      wrapKube: (cluster, server) =>
        new KubeClient({
          server,
          retry: false,
          fetch: async (url, init) => {
            const roll = armed ? next() : 1;
            if (roll < 0.08) {
              crashes++;
              throw new Error('injected: the handler died before this request');
            }
            const res = await fetch(url, init);
            const method = init?.method ?? 'GET';
            if (method === 'PATCH' && url.includes('/rollouts/shop') && res.ok && armed)
              if (!firstApply.has(cluster)) firstApply.set(cluster, fw.now());
            if (roll < 0.16) {
              crashes++;
              throw new Error('injected: the handler died after this request');
            }
            return res;
          },
        }),
    });
    try {
      // v1 everywhere first, without faults: the canary of v2 is what is released under test.
      await fw.push('registry.example/shop:v1');
      const first = await fw.sync();
      for (let i = 0; i < 200 && (await fw.release(first)).status?.phase !== 'Succeeded'; i++) {
        await fw.step(first);
        await fw.tick(2000);
      }
      expect((await fw.release(first)).status?.phase).toBe('Succeeded');

      const sha = await fw.push('registry.example/shop:v2');
      armed = true;
      let name: string | undefined;
      for (let i = 0; i < 20 && name === undefined; i++) {
        try {
          name = await fw.sync();
        } catch {
          crashes++;
        }
      }
      expect(name).toBeDefined();
      let release: Release | undefined;
      // When the test first saw each cluster Healthy on v2 (before the release handler could).
      const firstHealthy = new Map<string, number>();
      for (let i = 0; i < 600; i++) {
        await fw.step(name as string);
        await fw.tick(1000);
        armed = false;
        for (const cluster of CLUSTERS) {
          const r = await fw.rollout(cluster);
          const onV2 = imageOf(r) === 'registry.example/shop:v2';
          if (onV2 && r?.status?.phase === 'Healthy' && !firstHealthy.has(cluster))
            firstHealthy.set(cluster, fw.now());
        }
        release = await fw.release(name as string);
        armed = true;
        if (release.status?.phase === 'Succeeded' || release.status?.phase === 'Failed') break;
      }
      armed = false;
      expect(crashes).toBeGreaterThan(5);
      expect(release?.status?.phase).toBe('Succeeded');
      const waves = release?.status?.waves ?? [];
      expect(waves).toHaveLength(3);
      // In order, each only once the wave before it was Healthy and had soaked its 30 s. (A step
      // that died after delivering leaves the next one to record the wave passed, a little later
      // than it did: the recorded times may trail what happened, never lead it.)
      for (let i = 1; i < CLUSTERS.length; i++) {
        const before = CLUSTERS[i - 1] as string;
        const healthy = firstHealthy.get(before);
        expect(healthy).toBeDefined();
        expect(firstApply.get(CLUSTERS[i] as string)).toBeGreaterThanOrEqual(
          (healthy as number) + 30_000,
        );
        expect(Date.parse(waves[i - 1]?.passedAt ?? '')).toBeGreaterThanOrEqual(
          Date.parse(waves[i - 1]?.soakUntil ?? ''),
        );
      }
      for (const cluster of CLUSTERS) {
        const r = await fw.rollout(cluster);
        expect(imageOf(r)).toBe('registry.example/shop:v2');
        expect(r?.status?.phase).toBe('Healthy');
        // Delivered once: one GitHub Deployment per cluster for the commit, never a second.
        const deployments = fw.gh
          .deployments(REPO)
          .filter((d) => d.sha === sha && d.environment === `${cluster}/default/shop`);
        expect(deployments).toHaveLength(1);
      }
      // No wave is left holding anything.
      for (const cluster of CLUSTERS) {
        const r = await fw.rollout(cluster);
        expect(r?.metadata.annotations?.['rollouts.serverless.dev/release-hold']).toBeUndefined();
      }
    } finally {
      await fw.close();
    }
  }, 240_000);
});
