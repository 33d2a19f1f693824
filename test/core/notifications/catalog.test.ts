import { describe, expect, it } from 'vitest';
import type { ApprovalAction } from '../../../src/domain/notification.js';
import {
  BUILT_IN_TEMPLATES,
  BUILT_IN_TRIGGERS,
  buildTemplateData,
  parseNotificationConfig,
  renderNotification,
} from '../../../src/core/notifications/index.js';
import { aBlueGreen } from '../../support/builders/index.js';
import { anAnalysisRun, aPausedRollout, NOW, UID } from './fixtures.js';

const config = parseNotificationConfig({ now: NOW });
const ANALYSIS_RUNS = [
  anAnalysisRun({
    name: 'guestbook-6d9f8b7c5-3-1',
    minute: 50,
    phase: 'Failed',
    message: 'Metric "error-rate" assessed Failed',
  }),
  anAnalysisRun({ name: 'guestbook-6d9f8b7c5-3-0', minute: 40, phase: 'Successful' }),
];
const ACTIONS: ApprovalAction[] = [
  { action: 'promote', token: 'tp', url: 'https://rollouts.example.com/hooks/approve/tp' },
  { action: 'abort', token: 'ta', url: 'https://rollouts.example.com/hooks/approve/ta' },
];

function render(template: string, actions: ApprovalAction[] = [], rollout = aPausedRollout()) {
  const data = buildTemplateData({
    rollout,
    analysisRuns: ANALYSIS_RUNS,
    now: NOW,
    recipient: 'deploys',
    serviceType: 'slack',
    context: {},
    actions,
  });
  const result = renderNotification(config, { template }, data);
  if ('problem' in result) throw new Error(`${result.problem.key}: ${result.problem.message}`);
  return result.message;
}

/** Every JSON-valued field of the sections, parsed (a broken template would throw here). */
function parsedJsonFields(sections: Record<string, unknown>) {
  const slack = sections.slack as Record<string, string>;
  const teams = sections.teams as Record<string, string>;
  const chat = sections.googlechat as Record<string, string>;
  return {
    attachments: JSON.parse(slack.attachments ?? '') as Array<{
      title: string;
      fields: Array<{ title: string; value: string }>;
    }>,
    facts: JSON.parse(teams.facts ?? '') as Array<{ name: string; value: string }>,
    potentialAction:
      teams.potentialAction === undefined
        ? undefined
        : (JSON.parse(teams.potentialAction) as unknown[]),
    cards: JSON.parse(chat.cardsV2 ?? '') as unknown[],
  };
}

const TEMPLATES = Object.keys(BUILT_IN_TEMPLATES);

describe('the built-in catalog', () => {
  it('has upstream’s nine triggers, each sending its own template', () => {
    expect(
      Object.fromEntries(Object.entries(BUILT_IN_TRIGGERS).map(([t, c]) => [t, c[0]?.send])),
    ).toEqual({
      'on-rollout-completed': ['rollout-completed'],
      'on-rollout-step-completed': ['rollout-step-completed'],
      'on-rollout-updated': ['rollout-updated'],
      'on-rollout-aborted': ['rollout-aborted'],
      'on-rollout-paused': ['rollout-paused'],
      'on-scaling-replica-set': ['scaling-replicaset'],
      'on-analysis-run-running': ['analysis-run-running'],
      'on-analysis-run-error': ['analysis-run-error'],
      'on-analysis-run-failed': ['analysis-run-failed'],
    });
  });

  it.each(TEMPLATES)('renders %s against a paused canary', (template) => {
    const { message, sections } = render(template);
    expect(message).toContain('guestbook');
    expect(message).toContain('Namespace: default');
    expect(message).toContain('Strategy: canary');
    expect(message).toContain('Revision: 3');
    expect(message).toContain('Images: guestbook: argoproj/rollouts-demo:yellow');
    expect(`${message}${JSON.stringify(sections)}`).not.toMatch(/<no value>|<nil>/);
    expect(message).not.toContain('Promote');
    expect((sections.email as { subject: string }).subject).toContain('guestbook');
    expect((sections.slack as { groupingKey: string }).groupingKey).toBe(`${UID}-3`);
    const { attachments, facts, cards } = parsedJsonFields(sections);
    expect(attachments[0]?.fields).toContainEqual({ title: 'Revision', value: '3', short: true });
    expect(facts).toContainEqual({ name: 'Strategy', value: 'canary' });
    expect(cards).toHaveLength(1);
  });

  it.each(TEMPLATES)('renders %s against a blue-green Rollout without a status', (template) => {
    const rollout = aBlueGreen(
      {},
      { metadata: { uid: UID, annotations: { 'rollout.argoproj.io/revision': '1' } } },
    );
    const { message, sections } = render(template, [], rollout);
    expect(message).toContain('Strategy: blue-green');
    expect(`${message}${JSON.stringify(sections)}`).not.toMatch(/<no value>|<nil>/);
    parsedJsonFields(sections);
  });

  it('says which step the paused canary completed', () => {
    expect(render('rollout-step-completed').message).toMatch(
      /^guestbook moved past a canary step \(1 of 4 done\)/,
    );
  });

  it('names the newest analysis run of the revision and why it failed', () => {
    const { message } = render('analysis-run-failed');
    expect(message).toContain('Analysis: guestbook-6d9f8b7c5-3-1 (Failed)');
    expect(message).toContain('Reason: Metric "error-rate" assessed Failed');
  });

  it.each(['rollout-paused', 'analysis-run-failed', 'analysis-run-error'])(
    'puts the approval links into %s when the message carries actions',
    (template) => {
      const { message, sections } = render(template, ACTIONS);
      expect(message).toContain('Promote: https://rollouts.example.com/hooks/approve/tp');
      expect(message).toContain('Abort: https://rollouts.example.com/hooks/approve/ta');
      const { potentialAction, cards } = parsedJsonFields(sections);
      expect(potentialAction).toEqual([
        { '@type': 'OpenUri', name: 'Promote', targets: [{ os: 'default', uri: ACTIONS[0]?.url }] },
        { '@type': 'OpenUri', name: 'Abort', targets: [{ os: 'default', uri: ACTIONS[1]?.url }] },
      ]);
      expect(JSON.stringify(cards)).toContain(ACTIONS[0]?.url);
    },
  );

  it('renders a Promote link alone when only promotion is offered', () => {
    const { sections } = render('rollout-paused', ACTIONS.slice(0, 1));
    expect(parsedJsonFields(sections).potentialAction).toHaveLength(1);
  });
});
