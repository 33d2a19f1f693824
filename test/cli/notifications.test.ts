import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../controller/world.js';
import {
  type RecordingEndpoint,
  startRecordingEndpoint,
} from '../controller/notifications/recording-endpoint.js';
import { pausedMidRollout } from '../http/api/support.js';
import { rollouts } from './support.js';

// `rollouts notifications …` (issue 20 §7) on a canary paused at its first pause step (step 1 of 8,
// revision 2), with upstream's ConfigMap and Secret in the controller's namespace.

const CONFIG_MAP = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'argo-rollouts-notification-configmap', namespace: 'argo-rollouts' },
  data: {
    'service.slack': 'token: $slack-token',
    'template.my-paused': [
      'message: "{{.rollout.metadata.name}} waits at step {{.rollout.status.currentStepIndex}} for {{.recipient}}"',
      'slack:',
      '  attachments: \'[{"title": "{{.rollout.metadata.name}}"}]\'',
      'webhook:',
      '  ops:',
      '    method: PUT',
      '    path: /deploys/{{.recipient}}',
      '    body: \'{"rollout":"{{.rollout.metadata.name}}","step":{{.rollout.status.currentStepIndex}}}\'',
    ].join('\n'),
    'trigger.on-big-rollout': [
      '- when: rollout.spec.replicas > 3',
      '  send: [my-paused]',
      "- when: rollout.status.phase == 'Healthy'",
      '  send: [rollout-completed]',
      '- when: rollout.spec.replicas + "x"',
      '  send: [my-paused]',
    ].join('\n'),
    'template.broken': 'message: "{{.rollout.metadata.name | shout}}"',
  },
};
const SECRET = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'argo-rollouts-notification-secret', namespace: 'argo-rollouts' },
  data: {
    'slack-token': Buffer.from('xoxb-cli-test-token').toString('base64'),
    'hook-password': Buffer.from('hook-pass-1234').toString('base64'),
  },
};

let w: World;
let endpoint: RecordingEndpoint;
beforeAll(async () => {
  endpoint = await startRecordingEndpoint();
  w = await startWorld('shop');
  await pausedMidRollout(w);
  await w.kube.create('/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'argo-rollouts' },
  });
  await w.kube.create('/api/v1/namespaces/argo-rollouts/configmaps', {
    ...CONFIG_MAP,
    data: {
      ...CONFIG_MAP.data,
      'service.webhook.ops': `url: ${endpoint.url}\nbasicAuth:\n  username: ci\n  password: $hook-password`,
    },
  });
  await w.kube.create('/api/v1/namespaces/argo-rollouts/secrets', SECRET);
});
afterAll(async () => {
  await w.close();
  await endpoint.close();
});

const lines = (text: string) => text.trimEnd().split('\n');

describe('notifications template get', () => {
  it('lists the built-in and configured templates with a preview, and warns of the broken one', async () => {
    const r = await rollouts(w, ['notifications', 'template', 'get']);
    expect(r.code).toBe(0);
    const rows = lines(r.stdout);
    expect(rows[0]).toMatch(/^NAME\s+PREVIEW$/);
    expect(rows).toContainEqual(
      expect.stringMatching(/^my-paused\s+\{\{\.rollout\.metadata\.name\}\} waits at step/),
    );
    expect(rows).toContainEqual(
      expect.stringMatching(/^rollout-paused\s+\{\{\.rollout\.metadata\.name\}\} is paused/),
    );
    expect(rows.map((l) => l.split(/\s+/)[0])).not.toContain('broken');
    expect(r.stderr).toMatch(
      /^warning: template\.broken: message: template: broken:1:\d+: .*shout/m,
    );
  });

  it('prints one template as YAML', async () => {
    const r = await rollouts(w, ['notifications', 'template', 'get', 'my-paused', '-o', 'yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('my-paused:\n  message: "{{.rollout.metadata.name}} waits at step');
  });

  it('fails for a template that is not configured', async () => {
    const r = await rollouts(w, ['notifications', 'template', 'get', 'nope']);
    expect(r).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('template "nope" is not configured'),
    });
  });
});

describe('notifications trigger', () => {
  it('get lists each condition of a trigger', async () => {
    const r = await rollouts(w, ['notifications', 'trigger', 'get', 'on-big-rollout']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      expect.stringMatching(/^NAME\s+TEMPLATE\s+CONDITION$/),
      expect.stringMatching(/^on-big-rollout\s+my-paused\s+rollout\.spec\.replicas > 3$/),
      expect.stringMatching(/^\s+rollout-completed\s+rollout\.status\.phase == 'Healthy'$/),
      expect.stringMatching(/^\s+my-paused\s+rollout\.spec\.replicas \+ "x"$/),
    ]);
  });

  it('run evaluates each condition against the Rollout in the cluster', async () => {
    const r = await rollouts(w, ['notifications', 'trigger', 'run', 'on-big-rollout', 'shop']);
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toEqual([
      expect.stringMatching(/^CONDITION\s+RESULT$/),
      expect.stringMatching(/^rollout\.spec\.replicas > 3\s+true$/),
      expect.stringMatching(/^rollout\.status\.phase == 'Healthy'\s+false$/),
      expect.stringMatching(/^rollout\.spec\.replicas \+ "x"\s+error: .*invalid operation/),
    ]);
  });

  it('run names the configured triggers when the one asked for is not', async () => {
    const r = await rollouts(w, ['notifications', 'trigger', 'run', 'on-nothing', 'shop']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /trigger "on-nothing" is not configured \(found .*on-big-rollout.*on-rollout-paused/,
    );
  });
});

describe('notifications template notify', () => {
  it('prints the rendered message for console:stdout', async () => {
    const r = await rollouts(w, ['notifications', 'template', 'notify', 'rollout-paused', 'shop']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shop is paused and waiting for a decision');
    expect(r.stdout).toContain('Steps done: 1 of 8');
    expect(r.stdout).toContain('Revision: 2');
    expect(r.stdout).toContain('groupingKey:');
  });

  const notify = (...recipients: string[]) =>
    rollouts(w, [
      'notifications',
      'template',
      'notify',
      'my-paused',
      'shop',
      ...recipients.flatMap((r) => ['--recipient', r]),
    ]);

  it('sends through the configured service to each recipient, console included', async () => {
    endpoint.received.length = 0;
    const r = await notify('console:stdout', 'ops:blue', 'ops:green');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('failed');
    expect(r.stdout).toContain('message: shop waits at step 1 for stdout');
    expect(lines(r.stdout).slice(-2)).toEqual([
      'sent my-paused to ops:blue',
      'sent my-paused to ops:green',
    ]);
    expect(endpoint.received.map((q) => [q.method, q.path, q.body])).toEqual([
      ['PUT', '/deploys/blue', '{"rollout":"shop","step":1}'],
      ['PUT', '/deploys/green', '{"rollout":"shop","step":1}'],
    ]);
    expect(endpoint.received[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('ci:hook-pass-1234').toString('base64')}`,
    );
    // A manual send claims nothing: the Rollout records no notification.
    const ro = await w.rollout('shop');
    expect(ro.metadata.annotations?.['notified.notifications.argoproj.io']).toBeUndefined();
  });

  it('reports a refused send once, tries the other recipients, and exits 1', async () => {
    endpoint.received.length = 0;
    endpoint.respondWith(503);
    const r = await notify('ops:first', 'ops:second');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^failed to notify 'ops:first': .*503/m);
    expect(r.stderr).not.toContain('hook-pass-1234');
    expect(r.stdout).toBe('sent my-paused to ops:second\n');
    expect(endpoint.received.map((q) => q.path)).toEqual(['/deploys/first', '/deploys/second']);
  });

  it('refuses a service that is not configured', async () => {
    const r = await notify('pager:oncall');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `failed to notify 'pager:oncall': service "pager" is not configured`,
    );
  });

  it('reads the ConfigMap, Secret and Rollout from files when told to', async () => {
    const rollout = await w.rollout('shop');
    const configMap = {
      ...CONFIG_MAP,
      data: { 'template.from-file': 'message: "file says {{.rollout.spec.replicas}}"' },
    };
    const r = await rollouts(
      w,
      [
        'notifications',
        'template',
        'notify',
        'from-file',
        'ro.yaml',
        '--config-map',
        'cm.yaml',
        '--secret',
        ':empty',
      ],
      { files: { 'cm.yaml': stringify(configMap), 'ro.yaml': stringify(rollout) } },
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('message: file says 5\n');
  });
});
