import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACTIVE,
  aBlueGreenRollout,
  blueGreenHelpers,
  HASH,
  image,
  PREVIEW,
  startBlueGreenWorld,
} from './bluegreen-world.js';
import { RO, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await startBlueGreenWorld();
});
afterEach(() => w.close());

const { selectorHash: selector } = blueGreenHelpers(() => w);

describe('blue-green smoke', () => {
  it('first deploy, update to preview, promote, scale-down delay', async () => {
    await w.h.req('POST', RO, aBlueGreenRollout({ autoPromotionEnabled: false }, { replicas: 2 }));
    await w.settle();
    await w.advance(3000);
    let ro = await w.rollout();
    const v1 = ro.status?.currentPodHash;
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v1 });
    expect(await selector(ACTIVE)).toBe(v1);
    await w.setImage(image('v2'));
    await w.advance(3000);
    ro = await w.rollout();
    const v2 = ro.status?.currentPodHash;
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'BlueGreenPause' });
    expect(await selector(PREVIEW)).toBe(v2);
    expect(await selector(ACTIVE)).toBe(v1);
    await w.statusPatch({ pauseConditions: null });
    await w.advance(2000);
    ro = await w.rollout();
    expect(await selector(ACTIVE)).toBe(v2);
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    const old = (await w.replicaSets()).find((rs) => rs.metadata.labels?.[HASH] === v1);
    expect(old?.spec.replicas).toBe(2);
    expect(old?.metadata.annotations?.['scale-down-deadline']).toBeTruthy();
    await w.advance(31_000, 1000);
    const gone = (await w.replicaSets()).find((rs) => rs.metadata.labels?.[HASH] === v1);
    expect(gone?.spec.replicas).toBe(0);
  });
});
