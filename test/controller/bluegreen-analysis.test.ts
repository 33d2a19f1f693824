import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  aBlueGreenRollout,
  ACTIVE,
  blueGreenHelpers,
  image,
  NAME,
  startBlueGreenWorld,
} from './bluegreen-world.js';
import { RO, type World } from './world.js';

const AT = '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates';
let w: World;
beforeEach(async () => {
  w = await startBlueGreenWorld();
  for (const [name, exit] of [
    ['pass', 0],
    ['fail', 1],
  ] as const) {
    await w.h.req('POST', AT, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name },
      spec: {
        metrics: [
          {
            name,
            provider: {
              job: {
                spec: {
                  backoffLimit: 0,
                  template: {
                    spec: {
                      restartPolicy: 'Never',
                      containers: [
                        { name: 'c', image: 'busybox:1.36', command: ['sh', '-c', `exit ${exit}`] },
                      ],
                    },
                  },
                },
              },
            },
          },
        ],
      },
    });
  }
});
afterEach(() => w.close());

const aBlueGreen = (pre?: string, post?: string) =>
  aBlueGreenRollout(
    {
      ...(pre ? { prePromotionAnalysis: { templates: [{ templateName: pre }] } } : {}),
      ...(post ? { postPromotionAnalysis: { templates: [{ templateName: post }] } } : {}),
    },
    { replicas: 2 },
  );
const { selectorHash } = blueGreenHelpers(() => w);
const activeHash = () => selectorHash(ACTIVE);

async function deployAndUpdate(pre?: string, post?: string): Promise<{ v1: string; v2: string }> {
  await w.h.req('POST', RO, aBlueGreen(pre, post));
  await w.settle();
  await w.advance(3000, 1000);
  const v1 = (await w.rollout()).status?.currentPodHash ?? '';
  await w.setImage(image('v2'));
  await w.advance(15_000, 1000);
  const v2 = (await w.rollout()).status?.currentPodHash ?? '';
  return { v1, v2 };
}

describe('blue-green analysis', () => {
  it('a passing pre-promotion run lets auto-promotion switch active; the first deploy runs none', async () => {
    const { v2 } = await deployAndUpdate('pass');
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    expect(await activeHash()).toBe(v2);
    const runs = (
      await w.h.req('GET', '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns')
    ).body.items;
    expect(
      runs.map((r: { metadata: { name: string; labels: Record<string, string> } }) => [
        r.metadata.name,
        r.metadata.labels['rollout-type'],
      ]),
    ).toEqual([[`${NAME}-${v2}-2-pre`, 'PrePromotion']]);
  });

  it('a failing pre-promotion run aborts: active stays on the old version, Degraded', async () => {
    const { v1 } = await deployAndUpdate('fail');
    const ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toMatch(/Blue\/green pre-promotion analysis phase error\/failed/);
    expect(await activeHash()).toBe(v1);
  });

  it('a failing post-promotion run switches active back to stable', async () => {
    const { v1 } = await deployAndUpdate(undefined, 'fail');
    const ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toMatch(/Blue\/green post-promotion analysis phase error\/failed/);
    expect(ro.status?.stableRS).toBe(v1);
    expect(await activeHash()).toBe(v1);
  });

  it('a passing post-promotion run marks the new version stable', async () => {
    const { v2 } = await deployAndUpdate(undefined, 'pass');
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
  });
});
