import { afterEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../../src/domain/experiment.js';
import { aJobTemplate, AT, EXP } from '../experiment/experiment-world.js';
import { aCanaryRollout, RO } from '../world.js';
import {
  aHookTemplate,
  type NotificationWorld,
  startNotificationWorld,
} from './notification-world.js';

// Spec §6: "Experiment-owned analysis events are re-emitted on the parent Rollout", so a Rollout
// subscribed to on-analysis-run-failed hears of its experiment step's failed analysis.

const config = (url: string): Record<string, string> => ({
  'service.webhook.hooks': `url: ${url}\nheaders:\n- name: Content-Type\n  value: application/json\n`,
  'template.analysis-run-failed': aHookTemplate('analysis-failed'),
});

const STEPS = [
  { setWeight: 25 },
  {
    experiment: {
      duration: '5s',
      templates: [{ name: 'candidate', specRef: 'canary' }],
      analyses: [{ name: 'check', templateName: 'always-fails' }],
    },
  },
  { setWeight: 50 },
];

interface KubeEvent {
  reason: string;
  message: string;
  involvedObject: { kind: string; name: string };
}

let nw: NotificationWorld | undefined;
afterEach(async () => {
  await nw?.close();
  nw = undefined;
});

describe('an experiment step whose analysis fails', () => {
  it('notifies the Rollout’s on-analysis-run-failed subscriber once, and records the Event on the Rollout', async () => {
    nw = await startNotificationWorld(config);
    const { w } = nw;
    await w.h.req('POST', AT, aJobTemplate('always-fails', 1));
    const ro = aCanaryRollout('shop', { replicas: 4, steps: STEPS });
    const annotations = { 'notifications.argoproj.io/subscribe.on-analysis-run-failed.hooks': '' };
    await w.h.req('POST', RO, { ...ro, metadata: { ...ro.metadata, annotations } });
    await w.settle();
    await w.advance(2000);
    await w.setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(8000, 1000);
    // More passes over the settled objects: nothing is sent again.
    await w.settle();
    await w.advance(3000, 1000);
    await nw.main.outbox.settled();

    const [ex] = (await w.kube.list<Experiment>(EXP)).items;
    expect(ex?.status?.analysisRuns?.[0]?.phase).toBe('Failed');
    expect(nw.endpoint.received.map((r) => JSON.parse(r.body) as unknown)).toEqual([
      expect.objectContaining({ event: 'analysis-failed', rollout: 'shop' }),
    ]);
    expect(nw.endpoint.received[0]?.path).toBe('/analysis-failed');

    const events = (await w.kube.list<KubeEvent>('/api/v1/namespaces/default/events')).items;
    const failed = events.filter((e) => e.reason === 'AnalysisRunFailed');
    expect(failed.map((e) => e.involvedObject)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'Rollout', name: 'shop' }),
        expect.objectContaining({ kind: 'Experiment', name: ex?.metadata.name }),
      ]),
    );
    expect(failed.find((e) => e.involvedObject.kind === 'Rollout')?.message).toContain(
      `Analysis check (AnalysisRun ${ex?.metadata.name}-check) went from Running to Failed`,
    );
  });
});
