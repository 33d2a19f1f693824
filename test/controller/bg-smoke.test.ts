import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RO, startWorld, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await startWorld('bg');
  for (const name of ['bg-active', 'bg-preview']) await w.h.req('POST', '/api/v1/namespaces/default/services', { metadata: { name }, spec: { selector: { app: 'bg' }, ports: [{ port: 80 }] } });
});
afterEach(() => w.close());

const aBlueGreen = (extra: Record<string, unknown> = {}) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'bg' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'bg' } },
    template: { metadata: { labels: { app: 'bg' } }, spec: { containers: [{ name: 'web', image: 'registry.example/bg:v1' }] } },
    strategy: { blueGreen: { activeService: 'bg-active', previewService: 'bg-preview', autoPromotionEnabled: false, ...extra } },
  },
});
const selector = async (svc: string) => (await w.h.req('GET', `/api/v1/namespaces/default/services/${svc}`)).body.spec.selector['rollouts-pod-template-hash'];

describe('blue-green smoke', () => {
  it('first deploy, update to preview, promote, scale-down delay', async () => {
    await w.h.req('POST', RO, aBlueGreen());
    await w.settle();
    await w.advance(3000);
    let ro = await w.rollout();
    const v1 = ro.status?.currentPodHash;
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v1 });
    expect(await selector('bg-active')).toBe(v1);
    await w.setImage('registry.example/bg:v2');
    await w.advance(3000);
    ro = await w.rollout();
    const v2 = ro.status?.currentPodHash;
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'BlueGreenPause' });
    expect(await selector('bg-preview')).toBe(v2);
    expect(await selector('bg-active')).toBe(v1);
    await w.statusPatch({ pauseConditions: null });
    await w.advance(2000);
    ro = await w.rollout();
    expect(await selector('bg-active')).toBe(v2);
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    const old = (await w.replicaSets()).find((rs) => rs.metadata.labels?.['rollouts-pod-template-hash'] === v1);
    expect(old?.spec.replicas).toBe(2);
    expect(old?.metadata.annotations?.['scale-down-deadline']).toBeTruthy();
    await w.advance(31_000, 1000);
    const gone = (await w.replicaSets()).find((rs) => rs.metadata.labels?.['rollouts-pod-template-hash'] === v1);
    expect(gone?.spec.replicas).toBe(0);
  });
});
