import { describe, expect, it } from 'vitest';
import {
  buildDelivery,
  buildTemplateData,
  parseNotificationConfig,
  renderNotification,
  selectAnalysisRuns,
} from '../../../src/core/notifications/index.js';
import { aConfigMap, anAnalysisRun, aPausedRollout, NOW, UID } from './fixtures.js';

const rollout = aPausedRollout();

function data(actions = [] as Parameters<typeof buildTemplateData>[0]['actions']) {
  return buildTemplateData({
    rollout,
    analysisRuns: [],
    now: NOW,
    recipient: 'alerts',
    serviceType: 'ops',
    context: { environment: 'prod' },
    secrets: { 'api-key': 'k-123' },
    actions,
  });
}

describe('buildTemplateData', () => {
  it('gives templates the Rollout, recipient, service, context and secrets', () => {
    expect(data()).toMatchObject({
      rollout: { metadata: { name: 'guestbook', uid: UID } },
      analysisRuns: [],
      recipient: 'alerts',
      serviceType: 'ops',
      context: { environment: 'prod' },
      secrets: { 'api-key': 'k-123' },
    });
    expect(data()).not.toHaveProperty('approval');
  });

  it('adds the approval links when there are actions', () => {
    expect(
      data([{ action: 'promote', token: 't', url: 'https://x/hooks/approve/t' }]).approval,
    ).toEqual({ promoteURL: 'https://x/hooks/approve/t' });
  });

  it('picks the AnalysisRuns of the current pod hash and revision, newest first', () => {
    const runs = [
      anAnalysisRun({ name: 'a', minute: 1, phase: 'Successful' }),
      anAnalysisRun({ name: 'b', minute: 5, phase: 'Running' }),
      anAnalysisRun({ name: 'old-hash', minute: 9, phase: 'Failed', podHash: 'abc' }),
      anAnalysisRun({ name: 'old-revision', minute: 9, phase: 'Failed', revision: '2' }),
    ];
    expect(selectAnalysisRuns(rollout, runs).map((r) => r.metadata.name)).toEqual(['b', 'a']);
  });
});

describe('renderNotification', () => {
  const config = parseNotificationConfig({
    configMap: aConfigMap({
      'template.custom': [
        'message: "{{.rollout.metadata.name}} for {{.recipient}} via {{.serviceType}} in {{.context.environment}}"',
        'webhook:',
        '  ops:',
        '    method: POST',
        '    path: /rollouts/{{.rollout.metadata.name}}',
        '    body: |',
        '      {"name": {{.rollout.metadata.name | toJson}}, "at": "{{(call .time.Now).Format "2006-01-02"}}"}',
        'slack:',
        '  notifyBroadcast: true',
      ].join('\n'),
      'template.fails': 'message: "{{index .rollout.spec.strategy.canary.steps 9}}"',
    }),
    now: NOW,
  });

  it('renders every string of every section and keeps the other values', () => {
    expect(config.problems).toEqual([]);
    expect(renderNotification(config, { template: 'custom' }, data())).toEqual({
      message: {
        message: 'guestbook for alerts via ops in prod',
        sections: {
          webhook: {
            ops: {
              method: 'POST',
              path: '/rollouts/guestbook',
              body: '{"name": "guestbook", "at": "2026-03-01"}\n',
            },
          },
          slack: { notifyBroadcast: true },
        },
      },
    });
  });

  it('returns a problem naming the template and position when rendering fails', () => {
    expect(renderNotification(config, { template: 'fails' }, data())).toEqual({
      problem: {
        key: 'template.fails',
        message: expect.stringMatching(/^message: template: fails:1:\d+: .*index/),
      },
    });
  });

  it('returns a problem for a template that is not configured', () => {
    expect(renderNotification(config, { template: 'nope' }, data())).toEqual({
      problem: { key: 'template.nope', message: expect.stringContaining('not configured') },
    });
  });

  it('builds the Delivery with the Rollout as its subject', () => {
    const planned = {
      key: 'ev-1:on-rollout-paused:ops:',
      trigger: 'on-rollout-paused',
      template: 'custom',
      service: { type: 'webhook', name: 'ops' },
      recipient: '',
      at: NOW,
    };
    const message = { message: 'm', sections: {} };
    expect(buildDelivery({ planned, rollout, message, actions: [] })).toEqual({
      ...planned,
      subject: { namespace: 'default', name: 'guestbook', uid: UID, revision: '3' },
      message,
      actions: [],
    });
  });
});
