import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import type { ClusterBed } from '../../support/backends.js';
import { aRollout, JOURNEY_TIMEOUT_MS, patchStatus, setImage } from './journey.js';
import {
  APPROVER,
  notificationObjects,
  signedBlockActions,
  subscriptions,
} from './notification-config.js';
import {
  type NotificationSink,
  type Received,
  type SinkOptions,
  startNotificationSink,
} from './notification-sink.js';

// The steps of issue 20's acceptance that the Node controller and the Worker share: the same
// ConfigMap, Rollout and Slack requests, asserted the same way, only the controller differs.

/** `phase currentStepIndex` of a Rollout. */
export const STEP_STATE = '{.status.phase} {.status.currentStepIndex}';

/** What a journey runs against: the bed, the sink, the Rollout and the controller serving the hooks. */
export interface NotificationJourney {
  bed: ClusterBed;
  sink: NotificationSink;
  rollout: string;
  /** Where `/hooks/slack` and approval links are served (the Node server or the Worker). */
  controllerUrl: string;
}

interface Logged {
  event: string;
  rollout: string;
  revision: string;
  step: string;
  phase: string;
}

/** The webhook body the journey's templates render, for requests to `/events/<template>`. */
export const loggedBody = (r: Received): Logged | undefined =>
  r.path.startsWith('/events/') ? (r.body as Logged) : undefined;

/** `<event>@<step>` of every webhook message about `revision` of the journey's Rollout, sorted. */
export function loggedSteps(j: NotificationJourney, revision: string): string[] {
  return j.sink.received
    .map(loggedBody)
    .filter((l): l is Logged => l?.rollout === j.rollout && l.revision === revision)
    .map((l) => `${l.event}@${l.step}`)
    .sort();
}

/**
 * Starts the sink, applies the notification ConfigMap and Secret (approval links to
 * `controllerUrl`) and a canary subscribed by annotation (setWeight 25, pause, setWeight 50,
 * pause 1s), and waits until it is Healthy.
 */
export async function startNotificationJourney(
  bed: ClusterBed,
  rollout: string,
  controllerUrl: string,
  sinkOptions: SinkOptions = {},
): Promise<NotificationJourney> {
  const sink = await startNotificationSink(sinkOptions);
  await bed.apply(...notificationObjects(sink.url, controllerUrl));
  const steps = [
    { setWeight: 25 },
    { pause: {} },
    { setWeight: 50 },
    { pause: { duration: '1s' } },
  ];
  const r = aRollout({ name: rollout, strategy: { canary: { steps } } }) as {
    metadata: Record<string, unknown>;
  };
  r.metadata.annotations = subscriptions();
  await bed.apply(r);
  expect(await bed.until(['rollout', rollout], STEP_STATE, 'Healthy 4')).toBe('Healthy 4');
  return { bed, sink, rollout, controllerUrl };
}

/**
 * Updates the image and checks what the pause at step 1 sent: Slack's `chat.postMessage` to
 * `#deploys` with the bot token, the rendered text and Promote/Abort buttons, and the webhook's
 * step-completed and paused messages, once each.
 */
async function expectPauseAnnounced(j: NotificationJourney): Promise<void> {
  await setImage(j.bed, j.rollout, 'nginx:1.26');
  expect(await j.bed.until(['rollout', j.rollout], STEP_STATE, 'Paused 1')).toBe('Paused 1');
  const [slack] = await j.sink.until((r) => r.path === '/api/chat.postMessage');
  expect(slack?.headers.authorization).toBe('Bearer xoxb-journey-0123456789');
  const message = slack?.body as { channel: string; text: string; blocks: unknown[] };
  expect(message.channel).toBe('deploys');
  expect(message.text).toBe(`Rollout ${j.rollout}: paused at step 1`);
  const buttons = JSON.stringify(message.blocks);
  expect(buttons).toContain('rollouts-promote');
  expect(buttons).toContain('rollouts-abort');
  await j.sink.until((r) => loggedBody(r)?.event === 'paused');
  // Settle: a duplicate send (a second reconcile of the same event) would arrive by now.
  await sleep(1000);
  expect(loggedSteps(j, '2')).toEqual(['paused@1', 'step-completed@1']);
  expect(j.sink.received.filter((r) => r.path === '/api/chat.postMessage')).toHaveLength(1);
}

/**
 * From the Slack message's Promote button: a request signed with another secret gets 401 and a
 * user the configuration does not name 403, neither changing the Rollout; the signed one gets 200,
 * promotes (the Event names slack:alice); its replay changes nothing.
 */
async function expectSlackApprovals(j: NotificationJourney): Promise<void> {
  const { bed, rollout } = j;
  const [slack] = await j.sink.until((r) => r.path === '/api/chat.postMessage');
  const token = promoteToken(slack?.body);
  const post = (req: { body: string; headers: Record<string, string> }) =>
    fetch(`${j.controllerUrl}/hooks/slack`, { method: 'POST', ...req });
  const rv = () => bed.ok('get', 'rollout', rollout, '-o', 'jsonpath={.metadata.resourceVersion}');
  const before = await rv();
  const forged = signedBlockActions(token, { secret: 'not-the-signing-secret' });
  expect((await post(forged)).status).toBe(401);
  const stranger = signedBlockActions(token, { user: { id: 'U0MALLORY', username: 'mallory' } });
  expect((await post(stranger)).status).toBe(403);
  await sleep(1000);
  expect(await rv()).toBe(before);
  expect(await bed.until(['rollout', rollout], STEP_STATE, 'Paused 1')).toBe('Paused 1');

  const signed = signedBlockActions(token, {});
  expect((await post(signed)).status).toBe(200);
  expect(await bed.until(['rollout', rollout], STEP_STATE, 'Healthy 4')).toBe('Healthy 4');
  const events = await bed.ok(
    'get',
    'events',
    '--field-selector',
    `involvedObject.name=${rollout}`,
  );
  expect(events).toContain(`slack:${APPROVER.username}`);

  const after = await rv();
  const replay = await post(signed);
  expect(replay.status).not.toBe(500);
  await sleep(1000);
  expect(await rv()).toBe(after);
}

/** The Promote button's value in a posted Slack message. */
function promoteToken(body: unknown): string {
  const blocks = (body as { blocks?: Array<{ elements?: Array<Record<string, unknown>> }> }).blocks;
  for (const block of blocks ?? [])
    for (const element of block.elements ?? [])
      if (element.action_id === 'rollouts-promote' && typeof element.value === 'string')
        return element.value;
  throw new Error(`no Promote button in ${JSON.stringify(body)}`);
}

/** After the promote: every step, both pauses and the completion of revision 2 logged once each. */
async function expectUpdateLogged(j: NotificationJourney): Promise<void> {
  await j.sink.until((r) => {
    const l = loggedBody(r);
    return l?.rollout === j.rollout && l.event === 'completed' && l.revision === '2';
  });
  await sleep(2000);
  expect(loggedSteps(j, '2')).toEqual([
    'completed@4',
    'paused@1',
    'paused@3',
    'step-completed@1',
    'step-completed@2',
    'step-completed@3',
    'step-completed@4',
  ]);
}

/** A new update aborted (as the plugin writes it) at its first pause: the abort logged once. */
async function expectAbortLogged(j: NotificationJourney): Promise<void> {
  await setImage(j.bed, j.rollout, 'nginx:1.27');
  expect(await j.bed.until(['rollout', j.rollout], STEP_STATE, 'Paused 1')).toBe('Paused 1');
  await patchStatus(j.bed, j.rollout, { abort: true });
  await j.sink.until(
    (r) => loggedBody(r)?.rollout === j.rollout && loggedBody(r)?.event === 'aborted',
  );
  await sleep(2000);
  expect(loggedSteps(j, '3').filter((e) => e.startsWith('aborted'))).toHaveLength(1);
}

/**
 * The journey's steps as tests, in order, on the journey `current()` returns (started in a
 * `beforeAll` or an earlier test): the Node controller's suite and the Worker's register the same.
 */
export function itFollowsTheNotificationJourney(current: () => NotificationJourney): void {
  it(
    'sends the paused step to Slack with Promote and Abort buttons, and logs it to the webhook once',
    () => expectPauseAnnounced(current()),
    JOURNEY_TIMEOUT_MS,
  );
  it(
    'refuses forged block_actions at /hooks/slack and promotes on the signed one, once',
    () => expectSlackApprovals(current()),
    JOURNEY_TIMEOUT_MS,
  );
  it(
    'logged every step, both pauses and the completion of the update, each exactly once',
    () => expectUpdateLogged(current()),
    JOURNEY_TIMEOUT_MS,
  );
  it('logs an abort once', () => expectAbortLogged(current()), JOURNEY_TIMEOUT_MS);
}
