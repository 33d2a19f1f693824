import { describe, expect, it } from 'vitest';
import {
  parseNotificationConfig,
  planDestinations,
  triggerNameOf,
} from '../../../src/core/notifications/index.js';
import { aConfigMap, NOW } from './fixtures.js';

const SERVICES = {
  'service.slack': 'token: t',
  'service.webhook.ops': 'url: https://ops.example.com',
  defaultTriggers: '[on-rollout-completed, on-rollout-aborted]',
  'defaultTriggers.ops': '[on-rollout-paused]',
};
const annotationsOnly = parseNotificationConfig({ configMap: aConfigMap(SERVICES), now: NOW });
const config = parseNotificationConfig({
  configMap: aConfigMap({
    ...SERVICES,
    subscriptions: [
      '- recipients: [slack:payments-deploys]',
      '  triggers: [on-rollout-aborted]',
      '  selector: team=payments,env in (prod,staging),!experimental',
      '- recipients: ["slack:all-deploys", ops]',
    ].join('\n'),
  }),
  now: NOW,
});

const P = 'notifications.argoproj.io/';

function destinations(
  annotations: Record<string, string>,
  labels: Record<string, string> = {},
  from = config,
) {
  const byTrigger = planDestinations(from, labels, annotations);
  return Object.fromEntries(
    [...byTrigger].map(([t, ds]) => [t, ds.map((d) => `${d.service}:${d.recipient}`).sort()]),
  );
}

describe('triggerNameOf', () => {
  it.each([
    ['RolloutStepCompleted', 'on-rollout-step-completed'],
    ['AnalysisRunFailed', 'on-analysis-run-failed'],
    ['ScalingReplicaSet', 'on-scaling-replica-set'],
    ['RolloutPaused', 'on-rollout-paused'],
    ['SwitchService', 'on-switch-service'],
    ['TrafficWeightUpdated', 'on-traffic-weight-updated'],
    ['RolloutNotCompleted', 'on-rollout-not-completed'],
  ])('%s → %s', (reason, trigger) => {
    expect(triggerNameOf(reason)).toBe(trigger);
  });
});

describe('subscriptions by annotation', () => {
  it.each<[string, Record<string, string>, Record<string, string[]>]>([
    [
      'one trigger, recipients split on ; and trimmed, empty ones dropped',
      { [`${P}subscribe.on-rollout-paused.slack`]: ' alerts ; deploys;; ' },
      { 'on-rollout-paused': ['slack:alerts', 'slack:deploys'] },
    ],
    [
      'an empty value: one empty recipient',
      { [`${P}subscribe.on-rollout-updated.ops`]: '' },
      { 'on-rollout-updated': ['ops:'] },
    ],
    [
      'a blank value: no recipient at all',
      { [`${P}subscribe.on-rollout-updated.slack`]: '  ' },
      {},
    ],
    [
      'subscribe.<service>: the default triggers',
      { [`${P}subscribe.slack`]: 'alerts' },
      { 'on-rollout-completed': ['slack:alerts'], 'on-rollout-aborted': ['slack:alerts'] },
    ],
    [
      'subscribe..<service>: the default triggers too',
      { [`${P}subscribe..slack`]: 'alerts' },
      { 'on-rollout-completed': ['slack:alerts'], 'on-rollout-aborted': ['slack:alerts'] },
    ],
    [
      'a service with its own default triggers',
      { [`${P}subscribe.ops`]: '' },
      { 'on-rollout-paused': ['ops:'] },
    ],
    [
      'the subscriptions annotation',
      {
        [`${P}subscriptions`]:
          '- trigger: [on-rollout-paused]\n  destinations:\n  - service: slack\n    recipients: [a, b]\n',
      },
      { 'on-rollout-paused': ['slack:a', 'slack:b'] },
    ],
    ['other annotations', { 'rollout.argoproj.io/revision': '3' }, {}],
  ])('%s', (_name, annotations, expected) => {
    expect(destinations(annotations, {}, annotationsOnly)).toEqual(expected);
  });
});

describe('subscriptions from the ConfigMap', () => {
  it.each<[string, Record<string, string>, Record<string, string[]>]>([
    [
      'a Rollout the selector matches: both subscriptions',
      { team: 'payments', env: 'prod' },
      {
        'on-rollout-aborted': ['ops:', 'slack:all-deploys', 'slack:payments-deploys'],
        'on-rollout-completed': ['ops:', 'slack:all-deploys'],
      },
    ],
    [
      'a label the selector excludes',
      { team: 'payments', env: 'prod', experimental: 'yes' },
      {
        'on-rollout-aborted': ['ops:', 'slack:all-deploys'],
        'on-rollout-completed': ['ops:', 'slack:all-deploys'],
      },
    ],
    [
      'a value outside the set',
      { team: 'payments', env: 'dev' },
      {
        'on-rollout-aborted': ['ops:', 'slack:all-deploys'],
        'on-rollout-completed': ['ops:', 'slack:all-deploys'],
      },
    ],
  ])('%s', (_name, labels, expected) => {
    expect(destinations({}, labels)).toEqual(expected);
  });

  it('merges annotation and ConfigMap subscriptions, keeping a recipient once', () => {
    expect(
      destinations({ [`${P}subscribe.on-rollout-aborted.slack`]: 'all-deploys;mine' })[
        'on-rollout-aborted'
      ],
    ).toEqual(['ops:', 'slack:all-deploys', 'slack:mine']);
  });
});
