import { afterEach, beforeEach, expect, it } from 'vitest';
import { loadNotificationConfig } from '../../../src/controller/notifications/index.js';
import { signApprovalActions } from '../../../src/core/notifications/approval/index.js';
import { buildApp } from '../../../src/http/app.js';
import { approvalHooksFor } from '../../../src/http/hooks/approval-hooks.js';
import { pausedMidRollout } from '../api/support.js';
import { startWorld, type World } from '../../controller/world.js';
import { blockActions, postInteraction, startFakeSlack, type FakeSlack } from './support.js';

// The hooks as both runtimes mount them (approvalHooksFor): the link key, signing secret and
// allowed users come from the notification ConfigMap and Secret in argo-rollouts, `$` references
// and all, as an operator writes them.

let w: World;
let slack: FakeSlack;
beforeEach(async () => {
  [w, slack] = await Promise.all([startWorld('shop'), startFakeSlack()]);
  await pausedMidRollout(w);
  await w.h.req('POST', '/api/v1/namespaces', { metadata: { name: 'argo-rollouts' } });
  await w.h.req('POST', '/api/v1/namespaces/argo-rollouts/secrets', {
    metadata: { name: 'argo-rollouts-notification-secret' },
    stringData: {
      'approval-link-key': 'a-link-key-from-the-secret',
      'slack-signing-secret': 'a-signing-secret-from-the-secret',
    },
  });
  await w.h.req('POST', '/api/v1/namespaces/argo-rollouts/configmaps', {
    metadata: { name: 'argo-rollouts-notification-configmap' },
    data: {
      approvals: [
        'url: https://rollouts.example.com',
        'linkKey: $approval-link-key',
        'slack:',
        '  signingSecret: $slack-signing-secret',
        '  users: [U0ALLOWED]',
      ].join('\n'),
    },
  });
});
afterEach(async () => {
  await Promise.all([w.close(), slack.close()]);
});

it('a link and a Slack click signed with the keys of the ConfigMap and Secret act; the key of another does not', async () => {
  const pending: Array<Promise<void>> = [];
  const hooks = approvalHooksFor({
    kube: w.kube,
    namespace: 'argo-rollouts',
    fetch: (input, init) => fetch(input, init),
    onRollouts: () => Promise.resolve(),
  });
  const app = buildApp({
    runtime: 'node',
    version: '9.9.9',
    ...hooks,
    slackHook: { ...hooks.slackHook, defer: (work) => pending.push(work) },
  });
  const { config, problems } = await loadNotificationConfig(w.kube, 'argo-rollouts', Date.now());
  expect(problems).toEqual([]);
  const ro = await w.rollout();
  const target = {
    namespace: 'default',
    name: 'shop',
    uid: ro.metadata.uid ?? '',
    revision: ro.metadata.annotations?.['rollout.argoproj.io/revision'] ?? '',
    stepIndex: ro.status?.currentStepIndex ?? -1,
    recipient: '#deploys',
  };
  const forged = await signApprovalActions(
    { ...config.approvals!, linkKey: 'not-the-key' },
    target,
    Date.now(),
  );
  const refused = await app.request(new URL(forged[0]?.url ?? '').pathname, { method: 'POST' });
  expect(refused.status).toBe(403);

  const [promote] = await signApprovalActions(config.approvals, target, Date.now());
  expect(promote?.url).toMatch(/^https:\/\/rollouts\.example\.com\/hooks\/approve\//);
  const res = await app.request(new URL(promote?.url ?? '').pathname, { method: 'POST' });
  expect(res.status).toBe(200);
  await w.advance(3000);
  expect((await w.rollout()).status?.currentStepIndex).toBe(3);

  const [again] = await signApprovalActions(
    config.approvals,
    { ...target, stepIndex: 3 },
    Date.now(),
  );
  const click = await postInteraction(
    app,
    blockActions({ value: again?.token ?? '', responseUrl: `${slack.url}/respond/1` }),
    { nowMs: Date.now(), secret: 'a-signing-secret-from-the-secret' },
  );
  expect(click.status).toBe(200);
  await Promise.all(pending);
  expect(slack.replies[0]?.text).toMatch(/^Promoted by <@U0ALLOWED>/);
});
