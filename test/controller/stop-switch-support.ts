import { expect } from 'vitest';
import type { Rollout } from '../../src/domain/index.js';
import type { World } from './world.js';

/** The controller's namespace, where stop switches live (npm start creates it as well). */
export async function createSwitchNamespace(w: World): Promise<void> {
  await w.h.req('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'argo-rollouts' },
  });
}

/** Aborts the Rollout and expects it back on stable, Degraded, as when nothing holds it. */
export async function abortBackToStable(w: World): Promise<Rollout> {
  await w.statusPatch({ abort: true });
  await w.advance(10_000, 1_000);
  const aborted = await w.rollout();
  expect(aborted.status?.abort).toBe(true);
  expect(aborted.status?.phase).toBe('Degraded');
  expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  return aborted;
}
