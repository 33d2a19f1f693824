import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Rollout } from '../../../src/domain/index.js';
import { signSlackRequest } from '../../../src/http/hooks/slack-signature.js';
import { pausedMidRollout } from '../api/support.js';
import { startWorld, type World } from '../../controller/world.js';
import {
  actionsFor,
  ALLOWED,
  aNotificationConfig,
  approvalsApp,
  blockActions,
  type FakeSlack,
  GROUP,
  postInteraction,
  send,
  SIGNING_SECRET,
  startFakeSlack,
} from './support.js';

// Issue 20 §6: Promote/Abort buttons in Slack. Slack POSTs a signed `block_actions` form to
// /hooks/slack; the hook checks the request is Slack's and fresh, the user may approve, and the
// button's signed token still fits the Rollout, then promotes and replies to `response_url`.

let w: World;
let slack: FakeSlack;
let pending: Array<Promise<void>>;
let woken: string[];
let app: Hono;

beforeEach(async () => {
  [w, slack] = await Promise.all([startWorld('shop'), startFakeSlack()]);
  pending = [];
  woken = [];
  app = approvalsApp(w, slack, { pending, woken });
  await pausedMidRollout(w);
});
afterEach(async () => {
  await Promise.all([w.close(), slack.close()]);
});

const now = () => w.h.clock.now();
const responseUrl = () => `${slack.url}/respond/T0TEAM/1/abc`;

/** A signed click on one of our buttons, as Slack posts it; `post` overrides the signing. */
const click = (
  button: { value: string; user?: { id: string; username: string }; actionId?: string },
  post: { timestamp?: number; secret?: string } = {},
) =>
  postInteraction(app, blockActions({ ...button, responseUrl: responseUrl() }), {
    nowMs: now(),
    ...post,
  });

/** Lets the work the hook left after its answer finish, as waitUntil would. */
async function afterAnswer(): Promise<void> {
  await Promise.all(pending.splice(0));
}

async function events(): Promise<Array<{ reason: string; message: string }>> {
  return (
    await w.kube.list<{ reason: string; message: string }>('/api/v1/namespaces/default/events')
  ).items;
}

async function expectUnchanged(before: Rollout): Promise<void> {
  const after = await w.rollout();
  expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  expect(after.status?.currentStepIndex).toBe(1);
  expect((await events()).filter((e) => e.reason === 'PromoteRequested')).toEqual([]);
}

describe('a signed block_actions click from an allowed user', () => {
  it('promotes the paused canary, records who in an Event, and replies in the channel', async () => {
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
    const { promote } = await actionsFor(w, '#deploys', aNotificationConfig(), 'slack');
    const answer = await click({ value: promote.token });
    expect(answer.status).toBe(200);
    await afterAnswer();
    expect(woken).toEqual(['default/shop']);
    const event = (await events()).find((e) => e.reason === 'PromoteRequested');
    expect(event?.message).toContain(`slack:alice (${ALLOWED.id})`);
    expect(event?.message).toContain('Slack button');
    expect(slack.replies).toEqual([
      {
        replace_original: false,
        response_type: 'in_channel',
        text: expect.stringMatching(new RegExp(`^Promoted by <@${ALLOWED.id}>: default/shop`)),
      },
    ]);
    await w.advance(3000);
    const ro = await w.rollout();
    expect(ro.status?.currentStepIndex).toBeGreaterThanOrEqual(3);
    expect(await w.counts()).toMatchObject({ canary: 2, stable: 3 });
  });

  it('aborts with the Abort button', async () => {
    const { abort } = await actionsFor(w);
    const answer = await click({ value: abort.token, actionId: 'rollouts-abort' });
    expect(answer.status).toBe(200);
    await afterAnswer();
    await w.settle();
    expect((await w.rollout()).status).toMatchObject({ abort: true, phase: 'Degraded' });
    expect(slack.replies[0]?.text).toMatch(new RegExp(`^Aborted by <@${ALLOWED.id}>`));
  });

  it('accepts a member of a configured group, resolved with usergroups.users.list and the bot token', async () => {
    slack.groups.set(GROUP, ['U0OTHER', 'U0BOB']);
    const { promote } = await actionsFor(w);
    const bob = { id: 'U0BOB', username: 'bob' };
    const answer = await click({ user: bob, value: promote.token });
    expect(answer.status).toBe(200);
    await afterAnswer();
    expect(slack.lookups).toEqual([
      { usergroup: GROUP, authorization: 'Bearer xoxb-test-bot-token' },
    ]);
    expect((await events()).find((e) => e.reason === 'PromoteRequested')?.message).toContain(
      'slack:bob (U0BOB)',
    );
  });
});

describe('refused, and nothing changes', () => {
  it('a user neither named nor in a group: 403, and told so privately', async () => {
    slack.groups.set(GROUP, ['U0OTHER']);
    const before = await w.rollout();
    const { promote } = await actionsFor(w);
    const mallory = { id: 'U0MALLORY', username: 'mallory' };
    const answer = await click({ user: mallory, value: promote.token });
    expect(answer.status).toBe(403);
    await afterAnswer();
    expect(slack.replies).toEqual([
      {
        replace_original: false,
        response_type: 'ephemeral',
        text: '<@U0MALLORY>, you are not allowed to promote Rollouts from Slack.',
      },
    ]);
    await expectUnchanged(before);
  });

  it('a forged signature (signed with another secret): 401', async () => {
    const before = await w.rollout();
    const { promote } = await actionsFor(w);
    const answer = await click({ value: promote.token }, { secret: 'not-the-signing-secret' });
    expect(answer.status).toBe(401);
    await afterAnswer();
    expect(slack.replies).toEqual([]);
    await expectUnchanged(before);
  });

  it('a body changed after signing: 401', async () => {
    const before = await w.rollout();
    const { promote, abort } = await actionsFor(w);
    const signedFor = blockActions({ value: promote.token, responseUrl: responseUrl() });
    const ts = Math.floor(now() / 1000);
    const signature = await signSlackRequest(
      SIGNING_SECRET,
      ts,
      new URLSearchParams({ payload: JSON.stringify(signedFor) }).toString(),
    );
    const swapped = blockActions({
      value: abort.token,
      actionId: 'rollouts-abort',
      responseUrl: responseUrl(),
    });
    const answer = await postInteraction(app, swapped, { nowMs: now(), timestamp: ts, signature });
    expect(answer.status).toBe(401);
    await expectUnchanged(before);
  });

  it.each([
    ['six minutes old', -360],
    ['six minutes ahead', 360],
  ])('a correctly signed request with a timestamp %s: 401', async (_, offset) => {
    const before = await w.rollout();
    const { promote } = await actionsFor(w);
    const answer = await click(
      { value: promote.token },
      { timestamp: Math.floor(now() / 1000) + offset },
    );
    expect(answer.status).toBe(401);
    expect(answer.text).toContain('five minutes');
    await expectUnchanged(before);
  });

  it('a replay of an accepted request: 409, and the operation is not run again', async () => {
    const { promote } = await actionsFor(w);
    const payload = blockActions({ value: promote.token, responseUrl: responseUrl() });
    const ts = Math.floor(now() / 1000);
    expect((await postInteraction(app, payload, { nowMs: now(), timestamp: ts })).status).toBe(200);
    await afterAnswer();
    const promoted = await w.rollout();
    const replay = await postInteraction(app, payload, { nowMs: now(), timestamp: ts });
    expect(replay.status).toBe(409);
    await afterAnswer();
    expect((await w.rollout()).metadata.resourceVersion).toBe(promoted.metadata.resourceVersion);
    expect(slack.replies).toHaveLength(1);
  });

  it('a second click on the same button after the first acted: replies that it was already used', async () => {
    const { promote } = await actionsFor(w);
    const payload = blockActions({ value: promote.token, responseUrl: responseUrl() });
    expect((await postInteraction(app, payload, { nowMs: now() })).status).toBe(200);
    await afterAnswer();
    const promoted = await w.rollout();
    w.h.clock.advance(1000);
    expect((await postInteraction(app, payload, { nowMs: now() })).status).toBe(200);
    await afterAnswer();
    expect(slack.replies[1]).toMatchObject({
      response_type: 'ephemeral',
      text: 'Not promoted: this promote was already used. Nothing was changed.',
    });
    expect((await w.rollout()).metadata.resourceVersion).toBe(promoted.metadata.resourceVersion);
  });

  it('an expired token: 200, and the reply says it expired', async () => {
    const before = await w.rollout();
    const { promote } = await actionsFor(w);
    w.h.clock.advance(3600_000);
    const answer = await click({ value: promote.token });
    expect(answer.status).toBe(200);
    await afterAnswer();
    expect(slack.replies[0]?.text).toMatch(/^Not promoted: the link expired at 2026-/);
    expect((await w.rollout()).status?.currentStepIndex).toBe(before.status?.currentStepIndex);
    expect((await events()).filter((e) => e.reason === 'PromoteRequested')).toEqual([]);
  });

  it('a token for a step the Rollout has moved past: 200, and the reply says it moved on', async () => {
    const { promote } = await actionsFor(w);
    // Someone else promotes first (the CLI, another button): the controller moves to step 3.
    const other = await actionsFor(w);
    await click({ value: other.promote.token });
    await afterAnswer();
    await w.advance(3000);
    const moved = await w.rollout();
    const answer = await click({ value: promote.token });
    expect(answer.status).toBe(200);
    await afterAnswer();
    expect(slack.replies[1]?.text).toMatch(
      /^Not promoted: Rollout default\/shop has moved on \(step 1 → 3/,
    );
    expect((await w.rollout()).metadata.resourceVersion).toBe(moved.metadata.resourceVersion);
  });

  it('a Promote button carrying an Abort token: refused', async () => {
    const before = await w.rollout();
    const { abort } = await actionsFor(w);
    await click({ value: abort.token });
    await afterAnswer();
    expect(slack.replies[0]?.text).toContain("the button does not match its token's action");
    await expectUnchanged(before);
  });

  it('without application/x-www-form-urlencoded: 415, before any other check', async () => {
    const answer = await send(app, '{}', { 'content-type': 'application/json' });
    expect(answer.status).toBe(415);
  });

  it('when the ConfigMap has no Slack approvals: 404', async () => {
    const bare = approvalsApp(w, slack, {
      config: aNotificationConfig({ slack: undefined }),
      pending,
    });
    const { promote } = await actionsFor(w);
    const answer = await postInteraction(
      bare,
      blockActions({ value: promote.token, responseUrl: responseUrl() }),
      { nowMs: now() },
    );
    expect(answer.status).toBe(404);
  });
});

describe('interactions that are not ours', () => {
  it('another app button or a modal is answered 200 and ignored', async () => {
    const before = await w.rollout();
    const { promote } = await actionsFor(w);
    const other = blockActions({
      value: promote.token,
      actionId: 'deploy-bot-approve',
      responseUrl: responseUrl(),
    });
    expect((await postInteraction(app, other, { nowMs: now() })).status).toBe(200);
    expect((await postInteraction(app, { type: 'view_submission' }, { nowMs: now() })).status).toBe(
      200,
    );
    await afterAnswer();
    expect(slack.replies).toEqual([]);
    await expectUnchanged(before);
  });
});
