import { createHmac } from 'node:crypto';

/** The secrets of the notification journeys' Secret (never seen in any message or log). */
export const JOURNEY_SECRETS = {
  'slack-token': 'xoxb-journey-0123456789',
  'slack-signing-secret': 'journey-signing-secret-7f3a',
  'approval-link-key': 'journey-link-key-4c1d9e',
};

/** The one Slack user the journeys' configuration allows to approve. */
export const APPROVER = { id: 'U0ALICE', username: 'alice' };

/** The webhook templates, one per trigger, as an upstream catalog names them. */
export const LOGGED_TRIGGERS = [
  ['on-rollout-step-completed', 'step-completed'],
  ['on-rollout-paused', 'paused'],
  ['on-rollout-aborted', 'aborted'],
  ['on-rollout-completed', 'completed'],
] as const;

/**
 * `argo-rollouts-notification-configmap` and its Secret in upstream's format (spec §6): a webhook
 * service logging four triggers as JSON, Slack through a bot token, and our `approvals` key. Both
 * services point at `sink`; approval links at `approvalUrl`.
 */
export function notificationObjects(sink: string, approvalUrl: string): object[] {
  const data: Record<string, string> = {
    'service.webhook.release-log': [
      `url: ${sink}`,
      'headers:',
      '- name: Content-Type',
      '  value: application/json',
    ].join('\n'),
    'service.slack': ['token: $slack-token', `apiURL: ${sink}/api`].join('\n'),
    approvals: [
      `url: ${approvalUrl}`,
      'linkKey: $approval-link-key',
      'slack:',
      '  signingSecret: $slack-signing-secret',
      `  users: [${APPROVER.id}]`,
    ].join('\n'),
  };
  for (const [trigger, template] of LOGGED_TRIGGERS) {
    data[`trigger.${trigger}`] = `- send: [${template}]`;
    data[`template.${template}`] = [
      `message: "Rollout {{.rollout.metadata.name}}: ${template} at step {{.rollout.status.currentStepIndex}}"`,
      'webhook:',
      '  release-log:',
      '    method: POST',
      `    path: /events/${template}`,
      '    body: |',
      `      {"event": "${template}", "rollout": "{{.rollout.metadata.name}}",`,
      '       "revision": "{{index .rollout.metadata.annotations "rollout.argoproj.io/revision"}}",',
      '       "step": "{{.rollout.status.currentStepIndex}}", "phase": "{{.rollout.status.phase}}"}',
    ].join('\n');
  }
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argo-rollouts' } },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'argo-rollouts-notification-secret', namespace: 'argo-rollouts' },
      stringData: JOURNEY_SECRETS,
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'argo-rollouts-notification-configmap', namespace: 'argo-rollouts' },
      data,
    },
  ];
}

/** The subscription annotations: every logged trigger to the webhook, paused to Slack `#deploys`. */
export function subscriptions(): Record<string, string> {
  const annotations: Record<string, string> = {
    'notifications.argoproj.io/subscribe.on-rollout-paused.slack': 'deploys',
  };
  for (const [trigger] of LOGGED_TRIGGERS)
    annotations[`notifications.argoproj.io/subscribe.${trigger}.release-log`] = '';
  return annotations;
}

/** A Slack interactivity request: `payload=<block_actions JSON>`, signed as Slack signs it. */
export function signedBlockActions(
  token: string,
  opts: {
    user?: { id: string; username: string };
    secret?: string;
    at?: number;
    responseUrl?: string;
  },
): { body: string; headers: Record<string, string> } {
  const user = opts.user ?? APPROVER;
  const payload = {
    type: 'block_actions',
    user: { id: user.id, username: user.username, name: user.username, team_id: 'T0TEAM' },
    team: { id: 'T0TEAM', domain: 'acme' },
    channel: { id: 'C0DEPLOYS', name: 'deploys' },
    response_url: opts.responseUrl ?? 'http://127.0.0.1:9/unused',
    actions: [
      {
        type: 'button',
        action_id: 'rollouts-promote',
        block_id: 'rollouts-actions',
        value: token,
        action_ts: '1765000000.000100',
      },
    ],
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const ts = String(Math.floor((opts.at ?? Date.now()) / 1000));
  const secret = opts.secret ?? JOURNEY_SECRETS['slack-signing-secret'];
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': signature,
    },
  };
}
