import { describe, expect, it } from 'vitest';
import {
  parseNotificationConfig,
  planNotifications,
  type PlanNotificationsInput,
} from '../../../src/core/notifications/index.js';
import { aConfigMap, anAnalysisRun, aPausedRollout, aSecret, NOW } from './fixtures.js';

const P = 'notifications.argoproj.io/subscribe.';

function plan(
  data: Record<string, string>,
  o: Partial<Omit<PlanNotificationsInput, 'config'>> & {
    annotations?: Record<string, string>;
  } = {},
) {
  const config = parseNotificationConfig({
    configMap: aConfigMap({
      'service.slack': 'token: t',
      'service.webhook.ops': 'url: https://o',
      ...data,
    }),
    secret: aSecret({ 'api-key': 'k-1' }),
    now: NOW,
  });
  expect(config.problems).toEqual([]);
  return planNotifications({
    config,
    rollout: o.rollout ?? aPausedRollout(o.annotations ?? {}),
    events: o.events ?? [{ reason: 'RolloutPaused' }],
    eventId: o.eventId ?? 'ev-1',
    analysisRuns: o.analysisRuns ?? [],
    notified: o.notified ?? {},
    now: o.now ?? NOW,
  });
}

const keys = (result: ReturnType<typeof plan>) => result.planned.map((p) => p.key);

describe('planNotifications', () => {
  it('plans the built-in paused template for each subscribed recipient', () => {
    const result = plan({}, { annotations: { [`${P}on-rollout-paused.slack`]: 'alerts;deploys' } });
    expect(result).toEqual({
      planned: [
        {
          key: 'ev-1:on-rollout-paused:slack:alerts',
          trigger: 'on-rollout-paused',
          template: 'rollout-paused',
          service: { type: 'slack', name: 'slack' },
          recipient: 'alerts',
          at: NOW,
        },
        expect.objectContaining({
          key: 'ev-1:on-rollout-paused:slack:deploys',
          recipient: 'deploys',
        }),
      ],
      problems: [],
    });
  });

  it('plans nothing for an event nobody subscribed to', () => {
    const result = plan({}, { annotations: { [`${P}on-rollout-completed.slack`]: 'alerts' } });
    expect(result).toEqual({ planned: [], problems: [] });
  });

  it('drops what the notified annotation already records', () => {
    const result = plan(
      {},
      {
        annotations: { [`${P}on-rollout-paused.slack`]: 'alerts;deploys' },
        notified: { 'ev-1:on-rollout-paused:slack:alerts': 1 },
      },
    );
    expect(keys(result)).toEqual(['ev-1:on-rollout-paused:slack:deploys']);
  });

  it('keys a service with a named instance by its name, and webhooks without a recipient', () => {
    const result = plan({}, { annotations: { [`${P}on-rollout-paused.ops`]: '' } });
    expect(result.planned).toEqual([
      expect.objectContaining({
        key: 'ev-1:on-rollout-paused:ops:',
        service: { type: 'webhook', name: 'ops' },
        recipient: '',
      }),
    ]);
  });

  it.each<[string, string, boolean]>([
    ['a field of the Rollout', "rollout.status.phase == 'Paused'", true],
    ['a number compared as Go decodes JSON', 'rollout.spec.replicas == 5', true],
    ['a false condition', 'rollout.spec.replicas > 5', false],
    ['a missing field', 'rollout.status.abort == true', false],
    [
      'time.Now and time.Parse',
      'time.Now().Sub(time.Parse(rollout.status.pauseConditions[0].startTime)).Minutes() >= 2',
      true,
    ],
    ['time later than now', "time.Now().Before(time.Parse('2026-03-01T11:00:00Z'))", false],
    [
      'the newest analysis run',
      "len(analysisRuns) == 2 && analysisRuns[0].status.phase == 'Failed'",
      true,
    ],
    ['a predicate over analysis runs', "any(analysisRuns, .status.phase == 'Successful')", true],
    [
      'a closure over analysis runs',
      "all(analysisRuns, {.metadata.name != 'other-revision'})",
      true,
    ],
    ['secrets', "secrets['api-key'] == 'k-1'", true],
    ['oncePer-style fields', "rollout.status.currentPodHash in ['6d9f8b7c5', 'x']", true],
  ])('a when over %s (%s) decides', (_name, when, sends) => {
    const result = plan(
      { 'trigger.on-rollout-paused': `- when: "${when}"\n  send: [rollout-paused]` },
      {
        annotations: { [`${P}on-rollout-paused.slack`]: 'alerts' },
        analysisRuns: [
          anAnalysisRun({ name: 'older', minute: 10, phase: 'Successful' }),
          anAnalysisRun({ name: 'newer', minute: 20, phase: 'Failed' }),
          anAnalysisRun({ name: 'other-revision', minute: 30, phase: 'Running', revision: '2' }),
        ],
      },
    );
    expect(result.problems).toEqual([]);
    expect(result.planned).toHaveLength(sends ? 1 : 0);
  });

  it('sends for every condition that holds, each template once per recipient', () => {
    const trigger = [
      '- when: rollout.spec.replicas > 1',
      '  send: [rollout-paused, rollout-updated]',
      '- when: rollout.spec.replicas > 100',
      '  send: [rollout-aborted]',
      '- send: [rollout-completed]',
    ].join('\n');
    const result = plan(
      { 'trigger.on-rollout-paused': trigger },
      { annotations: { [`${P}on-rollout-paused.slack`]: 'alerts' } },
    );
    expect(result.planned.map((p) => [p.key, p.template])).toEqual([
      ['ev-1:on-rollout-paused:slack:alerts:rollout-paused', 'rollout-paused'],
      ['ev-1:on-rollout-paused:slack:alerts:rollout-updated', 'rollout-updated'],
      ['ev-1:on-rollout-paused:slack:alerts:rollout-completed', 'rollout-completed'],
    ]);
  });

  it('lists an evaluation error under the condition and still runs the others', () => {
    const trigger = [
      "- when: rollout.spec.replicas + 'x' == 1",
      '  send: [rollout-updated]',
      '- when: rollout.metadata.name',
      '  send: [rollout-aborted]',
      '- send: [rollout-paused]',
    ].join('\n');
    const result = plan(
      { 'trigger.on-rollout-paused': trigger },
      { annotations: { [`${P}on-rollout-paused.slack`]: 'alerts' } },
    );
    expect(result.problems).toEqual([
      {
        key: 'trigger.on-rollout-paused[0].when',
        message: expect.stringContaining('invalid operation'),
      },
      { key: 'trigger.on-rollout-paused[1].when', message: expect.stringContaining('bool') },
    ]);
    expect(keys(result)).toEqual(['ev-1:on-rollout-paused:slack:alerts']);
  });

  describe('oncePer', () => {
    const data = {
      'trigger.on-rollout-paused': [
        '- oncePer: rollout.metadata.annotations["rollout.argoproj.io/revision"]',
        '  send: [rollout-paused]',
      ].join('\n'),
    };
    const annotations = { [`${P}on-rollout-paused.slack`]: 'alerts' };

    it('keys by the value, not the event', () => {
      expect(keys(plan(data, { annotations, eventId: 'ev-7' }))).toEqual([
        'once:3:on-rollout-paused:slack:alerts',
      ]);
    });

    it('sends once per value across events', () => {
      const notified = { 'once:3:on-rollout-paused:slack:alerts': 1 };
      expect(keys(plan(data, { annotations, eventId: 'ev-8', notified }))).toEqual([]);
      const next = aPausedRollout({ ...annotations, 'rollout.argoproj.io/revision': '4' });
      expect(keys(plan(data, { rollout: next, eventId: 'ev-9', notified }))).toEqual([
        'once:4:on-rollout-paused:slack:alerts',
      ]);
    });
  });

  it('lists a subscription to a service that is not configured under its annotation', () => {
    const result = plan(
      {},
      {
        annotations: { [`${P}on-rollout-paused.teams`]: 'x', [`${P}on-rollout-paused.slack`]: 'a' },
      },
    );
    expect(result.problems).toEqual([
      {
        key: `${P}on-rollout-paused.teams`,
        message: 'service teams is not configured (or is broken)',
      },
    ]);
    expect(keys(result)).toEqual(['ev-1:on-rollout-paused:slack:a']);
  });

  it('lists a subscription to a trigger that is not configured', () => {
    const result = plan(
      {},
      {
        events: [{ reason: 'RolloutResumed' }],
        annotations: { [`${P}on-rollout-resumed.slack`]: 'a' },
      },
    );
    expect(result).toEqual({
      planned: [],
      problems: [
        {
          key: 'trigger.on-rollout-resumed',
          message: `subscribed by ${P}on-rollout-resumed.slack but not configured (or broken)`,
        },
      ],
    });
  });

  it('plans each event of a reconcile, an event repeated in it once', () => {
    const result = plan(
      {},
      {
        events: [
          { reason: 'RolloutStepCompleted' },
          { reason: 'RolloutPaused' },
          { reason: 'RolloutPaused' },
        ],
        rollout: aPausedRollout({
          [`${P}on-rollout-step-completed.slack`]: 'alerts',
          [`${P}on-rollout-paused.slack`]: 'alerts',
        }),
      },
    );
    expect(keys(result)).toEqual([
      'ev-1:on-rollout-step-completed:slack:alerts',
      'ev-1:on-rollout-paused:slack:alerts',
    ]);
  });
});
