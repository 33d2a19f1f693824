import { SLACK_ACTION_IDS } from '../../../core/notifications/approval/index.js';
import type { ApprovalAction } from '../../../domain/notification.js';

// The `action_id`s come from the parser of `POST /hooks/slack`: one definition, so a button and the
// hook cannot drift apart.
export { SLACK_ACTION_IDS };

/** Slack's limit on a section block's text. */
const SECTION_TEXT_LIMIT = 3000;

type Block = Record<string, unknown>;

function plain(text: string): { type: 'plain_text'; text: string } {
  return { type: 'plain_text', text };
}

function buttonOf(action: ApprovalAction): Block {
  const button: Block = {
    type: 'button',
    action_id: SLACK_ACTION_IDS[action.action],
    text: plain(action.action === 'promote' ? 'Promote' : 'Abort'),
    value: action.token,
    style: action.action === 'promote' ? 'primary' : 'danger',
  };
  // Aborting scales the canary down at once: one more click is cheap insurance.
  if (action.action === 'abort') {
    button['confirm'] = {
      title: plain('Abort the rollout?'),
      text: plain('The canary is scaled down and traffic goes back to the stable version.'),
      confirm: plain('Abort'),
      deny: plain('Keep it'),
    };
  }
  return button;
}

/**
 * The message's blocks with Promote/Abort buttons appended. A message without blocks gets its
 * text as a first section, since Slack shows only the blocks (the text becomes the fallback).
 */
export function buildBlocksWithApprovals(
  blocks: readonly unknown[],
  text: string,
  actions: readonly ApprovalAction[],
): unknown[] {
  if (actions.length === 0) return [...blocks];
  const lead: Block[] =
    blocks.length === 0 && text.trim() !== ''
      ? [{ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT_LIMIT) } }]
      : [];
  const buttons: Block = {
    type: 'actions',
    block_id: 'rollouts-approval',
    elements: actions.map(buttonOf),
  };
  return [...blocks, ...lead, buttons];
}

export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
