import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBackends } from '../support/backends.js';
import { aRollout, JOURNEY_TIMEOUT_MS, patchStatus, setImage } from './support/journey.js';
import {
  APPROVER,
  notificationObjects,
  signedBlockActions,
  subscriptions,
} from './support/notification-config.js';
import {
  type NotificationSink,
  type Received,
  startNotificationSink,
} from './support/notification-sink.js';

// Issue 20's acceptance on both backends: an upstream-format notification ConfigMap and an
// annotated Rollout; a local endpoint receives the canary's messages once each, and a Slack
// `block_actions` request signed with the configured secret promotes the paused Rollout, while a
// forged or replayed one changes nothing.

const state = '{.status.phase} {.status.currentStepIndex}';

interface Logged {
  event: string;
  rollout: string;
  revision: string;
  step: string;
  phase: string;
}

const logged = (r: Received): Logged | undefined =>
  r.path.startsWith('/events/') ? (r.body as Logged) : undefined;

describeOnBackends('notifications journey', {}, (bed) => {
  let sink: NotificationSink;
  const rollout = 'notify-shop';

  const of = (revision: string) =>
    sink.received
      .map(logged)
      .filter((l): l is Logged => l?.rollout === rollout && l.revision === revision)
      .map((l) => `${l.event}@${l.step}`)
      .sort();
  const post = (path: string, req: { body: string; headers: Record<string, string> }) =>
    fetch(`http://127.0.0.1:${bed.controller?.port ?? 0}${path}`, {
      method: 'POST',
      body: req.body,
      headers: req.headers,
    });

  beforeAll(async () => {
    sink = await startNotificationSink();
    await bed.apply(
      ...notificationObjects(sink.url, `http://127.0.0.1:${bed.controller?.port ?? 0}`),
    );
    const r = aRollout({
      name: rollout,
      strategy: {
        canary: {
          steps: [
            { setWeight: 25 },
            { pause: {} },
            { setWeight: 50 },
            { pause: { duration: '1s' } },
          ],
        },
      },
    }) as { metadata: Record<string, unknown> };
    r.metadata.annotations = subscriptions();
    await bed.apply(r);
    expect(await bed.until(['rollout', rollout], state, 'Healthy 4')).toBe('Healthy 4');
  }, 120_000);

  afterAll(() => sink?.close());

  it(
    'sends the paused step to Slack with Promote and Abort buttons, and logs it to the webhook once',
    async () => {
      await setImage(bed, rollout, 'nginx:1.26');
      expect(await bed.until(['rollout', rollout], state, 'Paused 1')).toBe('Paused 1');
      const [slack] = await sink.until((r) => r.path === '/api/chat.postMessage');
      expect(slack?.headers.authorization).toBe('Bearer xoxb-journey-0123456789');
      const message = slack?.body as { channel: string; text: string; blocks: unknown[] };
      expect(message.channel).toBe('deploys');
      expect(message.text).toBe(`Rollout ${rollout}: paused at step 1`);
      const buttons = JSON.stringify(message.blocks);
      expect(buttons).toContain('rollouts-promote');
      expect(buttons).toContain('rollouts-abort');
      await sink.until((r) => logged(r)?.event === 'paused');
      expect(of('2')).toEqual(['paused@1', 'step-completed@1']);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'refuses a forged block_actions request and promotes on the signed one, once',
    async () => {
      const [slack] = await sink.until((r) => r.path === '/api/chat.postMessage');
      const token = promoteToken(slack?.body);
      const rv = () =>
        bed.ok('get', 'rollout', rollout, '-o', 'jsonpath={.metadata.resourceVersion}');
      const before = await rv();
      const forged = signedBlockActions(token, { secret: 'not-the-signing-secret' });
      expect((await post('/hooks/slack', forged)).status).toBe(401);
      const stranger = signedBlockActions(token, {
        user: { id: 'U0MALLORY', username: 'mallory' },
      });
      expect((await post('/hooks/slack', stranger)).status).toBe(403);
      await sleep(1000);
      expect(await rv()).toBe(before);
      expect(await bed.until(['rollout', rollout], state, 'Paused 1')).toBe('Paused 1');

      const signed = signedBlockActions(token, {});
      expect((await post('/hooks/slack', signed)).status).toBe(200);
      expect(await bed.until(['rollout', rollout], state, 'Healthy 4')).toBe('Healthy 4');
      const events = await bed.ok(
        'get',
        'events',
        '--field-selector',
        `involvedObject.name=${rollout}`,
      );
      expect(events).toContain(`slack:${APPROVER.username}`);

      const after = await rv();
      const replay = await post('/hooks/slack', signed);
      expect(replay.status).not.toBe(500);
      await sleep(1000);
      expect(await rv()).toBe(after);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'logged every step, both pauses and the completion of the update, each exactly once',
    async () => {
      await sink.until((r) => logged(r)?.event === 'completed' && logged(r)?.revision === '2');
      await sleep(2000);
      expect(of('2')).toEqual([
        'completed@4',
        'paused@1',
        'paused@3',
        'step-completed@1',
        'step-completed@2',
        'step-completed@3',
        'step-completed@4',
      ]);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'logs an abort once',
    async () => {
      await setImage(bed, rollout, 'nginx:1.27');
      expect(await bed.until(['rollout', rollout], state, 'Paused 1')).toBe('Paused 1');
      await patchStatus(bed, rollout, { abort: true });
      await sink.until((r) => logged(r)?.event === 'aborted');
      await sleep(2000);
      expect(of('3').filter((e) => e.startsWith('aborted'))).toHaveLength(1);
    },
    JOURNEY_TIMEOUT_MS,
  );
});

/** The Promote button's value in a posted Slack message. */
function promoteToken(body: unknown): string {
  const blocks = (body as { blocks?: Array<{ elements?: Array<Record<string, unknown>> }> }).blocks;
  for (const block of blocks ?? [])
    for (const element of block.elements ?? [])
      if (element.action_id === 'rollouts-promote' && typeof element.value === 'string')
        return element.value;
  throw new Error(`no Promote button in ${JSON.stringify(body)}`);
}
