import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseNotificationConfig } from '../../../src/core/notifications/index.js';
import { aConfigMap, aSecret, NOW } from './fixtures.js';

/** A ConfigMap in upstream's format, as a team would have it next to Argo Rollouts. */
const UPSTREAM_CONFIGMAP = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: argo-rollouts-notification-configmap
data:
  service.slack: |
    token: $slack-token
    username: rollouts
  service.webhook.ops: |
    url: https://ops.example.com/hooks/$ops-path
    headers:
    - name: Authorization
      value: Bearer $ops-token
  service.email.gmail: |
    host: smtp.example.com
    port: 587
    from: rollouts@example.com
    password: $email-password
  template.my-paused: |
    message: "{{.rollout.metadata.name}} waits at step {{.rollout.status.currentStepIndex}}"
    slack:
      attachments: |
        [{"title": "{{.rollout.metadata.name}}", "color": "#ecb22e"}]
    webhook:
      ops:
        method: POST
        body: '{"rollout": "{{.rollout.metadata.name}}"}'
  trigger.on-rollout-paused: |
    - send: [my-paused]
      description: tell ops
  trigger.on-big-rollout: |
    - when: rollout.spec.replicas > 3
      oncePer: rollout.metadata.annotations['rollout.argoproj.io/revision']
      send: [my-paused]
  defaultTriggers: |
    - on-rollout-completed
    - on-rollout-aborted
  defaultTriggers.ops: |
    - on-rollout-paused
  subscriptions: |
    - recipients: [slack:deployments, "email:oncall@example.com"]
      triggers: [on-rollout-aborted]
      selector: team=payments,env in (prod, staging)
  context: |
    environment: production
    dashboard: https://grafana.example.com
`;

const SECRET = {
  'slack-token': 'xoxb-1111-2222-secretslack',
  'ops-path': 'p4th-s3cr3t',
  'ops-token': 'ops-bearer-value',
  'email-password': 'hunter2hunter2',
};

function parseUpstream(
  extra: Record<string, string> = {},
  secret: Record<string, string> = SECRET,
) {
  const manifest = parse(UPSTREAM_CONFIGMAP) as { data: Record<string, string> };
  return parseNotificationConfig({
    configMap: aConfigMap({ ...manifest.data, ...extra }),
    secret: aSecret(secret),
    now: NOW,
  });
}

describe('parseNotificationConfig on an upstream ConfigMap', () => {
  const config = parseUpstream();

  it('has no problems', () => {
    expect(config.problems).toEqual([]);
  });

  it.each([
    [
      'slack',
      { type: 'slack', name: 'slack' },
      { token: 'xoxb-1111-2222-secretslack', username: 'rollouts' },
    ],
    [
      'ops',
      { type: 'webhook', name: 'ops' },
      {
        url: 'https://ops.example.com/hooks/p4th-s3cr3t',
        headers: [{ name: 'Authorization', value: 'Bearer ops-bearer-value' }],
      },
    ],
    [
      'gmail',
      { type: 'email', name: 'gmail' },
      {
        host: 'smtp.example.com',
        port: 587,
        from: 'rollouts@example.com',
        password: 'hunter2hunter2',
      },
    ],
  ])('configures service %s with its $secret references replaced', (name, ref, settings) => {
    expect(config.services.get(name)).toEqual({ ref, settings });
  });

  it('lists every secret value it put in, for redaction', () => {
    expect([...config.secretValues].sort()).toEqual(Object.values(SECRET).sort());
  });

  it('reads triggers with when, oncePer and description', () => {
    expect(config.triggers.get('on-rollout-paused')?.conditions).toEqual([
      { send: ['my-paused'], description: 'tell ops' },
    ]);
    expect(config.triggers.get('on-big-rollout')?.conditions).toEqual([
      {
        when: 'rollout.spec.replicas > 3',
        oncePer: "rollout.metadata.annotations['rollout.argoproj.io/revision']",
        send: ['my-paused'],
      },
    ]);
  });

  it('keeps the built-in catalog beside its own, its own winning on the same name', () => {
    expect(config.triggers.get('on-rollout-completed')?.conditions).toEqual([
      { send: ['rollout-completed'] },
    ]);
    expect(config.templates.has('rollout-paused')).toBe(true);
    expect(config.templates.get('my-paused')?.source.webhook).toEqual({
      ops: { method: 'POST', body: '{"rollout": "{{.rollout.metadata.name}}"}' },
    });
  });

  it('compiles every string of a template', () => {
    const paths = config.templates.get('my-paused')?.compiled.map((leaf) => leaf.path.join('.'));
    expect(paths?.sort()).toEqual([
      'message',
      'slack.attachments',
      'webhook.ops.body',
      'webhook.ops.method',
    ]);
  });

  it('reads default triggers, per-service default triggers, subscriptions and context', () => {
    expect(config.defaultTriggers).toEqual(['on-rollout-completed', 'on-rollout-aborted']);
    expect(config.serviceDefaultTriggers.get('ops')).toEqual(['on-rollout-paused']);
    expect(config.subscriptions).toEqual([
      {
        recipients: ['slack:deployments', 'email:oncall@example.com'],
        triggers: ['on-rollout-aborted'],
        selector: 'team=payments,env in (prod, staging)',
      },
    ]);
    expect(config.context).toEqual({
      environment: 'production',
      dashboard: 'https://grafana.example.com',
    });
  });

  it('has no approvals unless the ConfigMap asks for them', () => {
    expect(config.approvals).toBeUndefined();
  });
});

describe('parseNotificationConfig problems', () => {
  it.each([
    [
      'a service key with too many parts',
      { 'service.webhook.ops.extra': 'url: https://x' },
      'service.webhook.ops.extra',
      /service\.<type>/,
    ],
    [
      'a service that is not a mapping',
      { 'service.teams': '- a\n- b' },
      'service.teams',
      /mapping/,
    ],
    [
      'invalid YAML',
      { 'service.opsgenie': 'apiUrl: [unclosed' },
      'service.opsgenie',
      /invalid YAML/,
    ],
    ['a trigger that is not a list', { 'trigger.on-x': 'send: [a]' }, 'trigger.on-x', /list/],
    [
      'a when that does not parse',
      { 'trigger.on-x': '- when: rollout.status.phase ==\n  send: [rollout-paused]' },
      'trigger.on-x[0].when',
      /./,
    ],
    [
      'a when using an unknown variable',
      { 'trigger.on-x': '- when: app.status == "x"\n  send: [rollout-paused]' },
      'trigger.on-x[0].when',
      /unknown name app/,
    ],
    [
      'a trigger sending a template nobody defined',
      { 'trigger.on-x': '- send: [nowhere]' },
      'trigger.on-x[0].send',
      /template nowhere is not configured/,
    ],
    ['a template that is not a mapping', { 'template.t': '"just text"' }, 'template.t', /mapping/],
    [
      'defaultTriggers that are not a list',
      { defaultTriggers: 'on-a: b' },
      'defaultTriggers',
      /list/,
    ],
    [
      'a subscription selector that does not parse',
      { subscriptions: '- recipients: [slack:a]\n  selector: "team in (a"' },
      'subscriptions[0].selector',
      /selector/,
    ],
  ])('lists %s under its key and keeps the rest', (_name, data, key, message) => {
    const config = parseNotificationConfig({
      configMap: aConfigMap({ ...data, 'service.slack': 'token: xoxb-1' }),
      now: NOW,
    });
    expect(config.problems).toContainEqual({ key, message: expect.stringMatching(message) });
    expect(config.services.has('slack')).toBe(true);
    expect(config.triggers.has('on-rollout-paused')).toBe(true);
  });

  it('leaves out a service whose $secret is missing, and never quotes a secret in a problem', () => {
    const config = parseUpstream(
      {},
      { 'slack-token': 'xoxb-1111-2222-secretslack', 'ops-token': 'ops-bearer-value' },
    );
    expect(config.problems).toEqual([
      { key: 'service.email.gmail', message: expect.stringContaining('$email-password') },
      { key: 'service.webhook.ops', message: expect.stringContaining('$ops-path') },
    ]);
    expect(config.services.has('gmail')).toBe(false);
    expect(config.services.has('ops')).toBe(false);
    expect(config.services.has('slack')).toBe(true);
    const text = JSON.stringify(config.problems);
    for (const secret of Object.values(SECRET)) expect(text).not.toContain(secret);
  });

  it('names the template, field and position of a function it does not know, and keeps the others', () => {
    const config = parseNotificationConfig({
      configMap: aConfigMap({
        'template.bad':
          'message: ok\nslack:\n  attachments: |\n    [{"title": "x"},\n     {"title": "{{.rollout.metadata.name | shout}}"}]',
        'template.good': 'message: "{{.rollout.metadata.name}}"',
      }),
      now: NOW,
    });
    expect(config.problems).toEqual([
      {
        key: 'template.bad',
        message: expect.stringMatching(/^slack\.attachments: template: bad:2:\d+: .*shout/),
      },
    ]);
    expect(config.templates.has('bad')).toBe(false);
    expect(config.templates.has('good')).toBe(true);
  });

  it('overrides a built-in template with a broken one by leaving it out, not falling back', () => {
    const config = parseNotificationConfig({
      configMap: aConfigMap({ 'template.rollout-paused': 'message: "{{.rollout"' }),
      now: NOW,
    });
    expect(config.templates.has('rollout-paused')).toBe(false);
    expect(config.problems.map((p) => p.key)).toContain('template.rollout-paused');
  });

  it('reads the Secret from stringData too, and lists a value that is not base64 by key only', () => {
    const config = parseNotificationConfig({
      configMap: aConfigMap({ 'service.slack': 'token: $from-string-data' }),
      secret: {
        kind: 'Secret',
        data: { broken: '%%%not-base64' },
        stringData: { 'from-string-data': 'xoxb-9' },
      },
      now: NOW,
    });
    expect(config.services.get('slack')?.settings).toEqual({ token: 'xoxb-9' });
    expect(config.problems).toEqual([{ key: 'secret.broken', message: 'not valid base64 UTF-8' }]);
  });

  it('works with neither ConfigMap nor Secret: the built-in catalog only', () => {
    const config = parseNotificationConfig({ now: NOW });
    expect(config.problems).toEqual([]);
    expect([...config.triggers.keys()].sort()).toEqual([
      'on-analysis-run-error',
      'on-analysis-run-failed',
      'on-analysis-run-running',
      'on-rollout-aborted',
      'on-rollout-completed',
      'on-rollout-paused',
      'on-rollout-step-completed',
      'on-rollout-updated',
      'on-scaling-replica-set',
    ]);
    expect(config.services.size).toBe(0);
  });
});
