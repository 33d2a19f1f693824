import type { ApprovalOperation } from './approval-claims.js';
import { type ApprovalResult } from './assess-approval.js';

/** The `action_id`s of the Promote and Abort buttons the Slack service puts in a message. */
export const SLACK_ACTION_IDS: Readonly<Record<ApprovalOperation, string>> = {
  promote: 'rollouts-promote',
  abort: 'rollouts-abort',
};

export interface SlackUser {
  id: string;
  /** `user.username` (the handle), else `user.name`, else the id. */
  name: string;
}

/** A click on one of our buttons, or why the interaction is not one to act on. */
export type SlackInteraction =
  | {
      kind: 'action';
      action: ApprovalOperation;
      /** The button's value: the signed approval token. */
      token: string;
      user: SlackUser;
      responseUrl?: string;
    }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string };

const text = (x: unknown): string | undefined =>
  typeof x === 'string' && x !== '' ? x : undefined;

function actionFor(actionId: unknown): ApprovalOperation | undefined {
  if (actionId === SLACK_ACTION_IDS.promote) return 'promote';
  if (actionId === SLACK_ACTION_IDS.abort) return 'abort';
  return undefined;
}

/**
 * The interaction a Slack interactivity request carries (its `payload` field, parsed as JSON):
 * only `block_actions` on a Promote or Abort button is acted on; every other interaction Slack
 * sends to the same URL (shortcuts, modals, other apps' buttons) is ignored.
 */
export function parseSlackInteraction(payload: unknown): SlackInteraction {
  if (typeof payload !== 'object' || payload === null)
    return { kind: 'invalid', reason: 'payload is not a JSON object' };
  const p = payload as {
    type?: unknown;
    user?: unknown;
    actions?: unknown;
    response_url?: unknown;
  };
  if (p.type !== 'block_actions') return { kind: 'ignored', reason: `type ${String(p.type)}` };
  const actions = Array.isArray(p.actions) ? (p.actions as unknown[]) : [];
  const ours = actions
    .map((a) => (typeof a === 'object' && a !== null ? (a as Record<string, unknown>) : {}))
    .find((a) => actionFor(a.action_id) !== undefined);
  const action = actionFor(ours?.action_id);
  if (!ours || !action)
    return { kind: 'ignored', reason: 'no rollouts-promote or rollouts-abort action' };
  const u = (typeof p.user === 'object' && p.user !== null ? p.user : {}) as Record<
    string,
    unknown
  >;
  const id = text(u.id);
  const token = text(ours.value);
  if (!id) return { kind: 'invalid', reason: 'block_actions without user.id' };
  if (!token) return { kind: 'invalid', reason: 'button without a value' };
  const responseUrl = text(p.response_url);
  return {
    kind: 'action',
    action,
    token,
    user: { id, name: text(u.username) ?? text(u.name) ?? id },
    ...(responseUrl ? { responseUrl } : {}),
  };
}

const DONE: Record<ApprovalOperation, string> = { promote: 'Promoted', abort: 'Aborted' };

/** The short reply posted to the message's thread: who did what, or why nothing was done. */
export function buildSlackReply(
  result: ApprovalResult,
  action: ApprovalOperation,
  user: SlackUser,
): string {
  if (result.outcome === 'done') {
    const c = result.claims;
    return `${DONE[action]} by <@${user.id}>: ${c.namespace}/${c.name}, ${result.summary}`;
  }
  return `Not ${action === 'promote' ? 'promoted' : 'aborted'}: ${result.reason}. Nothing was changed.`;
}
