import type { Delivery } from '../../../domain/notification.js';
import { flagField, jsonArrayField, sectionOf, textField } from '../shared/section.js';
import { buildBlocksWithApprovals, truncate } from './approval-blocks.js';
import type { SlackSettings } from './settings.js';

/** Slack's limits on one message (chat.postMessage): longer text is refused with `msg_too_long`. */
export const SLACK_LIMITS = { text: 40_000, blocks: 50, attachments: 100 } as const;

export type DeliveryPolicy = 'Post' | 'PostAndUpdate' | 'Update';

/** The fields of a message both chat.postMessage and chat.update take. */
export interface SlackContent {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

/** What to send, threading aside: chat.postMessage adds channel, thread_ts and reply_broadcast. */
export interface SlackMessage {
  content: SlackContent;
  /** Identity and unfurling, for posts only (chat.update keeps the original's). */
  postOptions: Record<string, unknown>;
  groupingKey: string;
  notifyBroadcast: boolean;
  deliveryPolicy: DeliveryPolicy;
}

const ICON_EMOJI = /^:.+:$/;

function isHttpIcon(icon: string): boolean {
  return /^https?:\/\/[^/\s]+/.test(icon);
}

/** Upstream reads an unknown policy as Post. */
function policyOf(value: string): DeliveryPolicy {
  return value === 'PostAndUpdate' || value === 'Update' ? value : 'Post';
}

/**
 * The message for a delivery: text from `message`; `slack.blocks`/`slack.attachments` (JSON text)
 * parsed; `slack.username`/`slack.icon` over the service's; approval buttons appended
 * (approval-blocks.ts). An error names the field that is broken; it is never retried.
 */
export function buildSlackMessage(
  settings: SlackSettings,
  delivery: Delivery,
): SlackMessage | { error: string } {
  const section = sectionOf(delivery, 'slack');
  const blocks = jsonArrayField(section, 'blocks', 'slack');
  const attachments = jsonArrayField(section, 'attachments', 'slack');
  if (blocks && 'error' in blocks) return blocks;
  if (attachments && 'error' in attachments) return attachments;
  const text = truncate(delivery.message.message, SLACK_LIMITS.text);
  const allBlocks = buildBlocksWithApprovals(blocks?.value ?? [], text, delivery.actions);
  if (allBlocks.length > SLACK_LIMITS.blocks) {
    const what = delivery.actions.length > 0 ? ' with the approval buttons' : '';
    return { error: `slack.blocks has ${allBlocks.length} blocks${what}; Slack takes at most 50` };
  }
  if ((attachments?.value.length ?? 0) > SLACK_LIMITS.attachments) {
    return { error: `slack.attachments has more than ${SLACK_LIMITS.attachments} attachments` };
  }
  const content: SlackContent = { text };
  if (allBlocks.length > 0) content.blocks = allBlocks;
  if (attachments && attachments.value.length > 0) content.attachments = attachments.value;
  return {
    content,
    postOptions: buildPostOptions(settings, section),
    groupingKey: textField(section, 'groupingKey'),
    notifyBroadcast: flagField(section, 'notifyBroadcast'),
    deliveryPolicy: policyOf(textField(section, 'deliveryPolicy')),
  };
}

function buildPostOptions(
  settings: SlackSettings,
  section: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const username = textField(section, 'username') || settings.username;
  if (username) options['username'] = username;
  const icon = textField(section, 'icon') || settings.icon;
  // Upstream ignores an icon that is neither an emoji nor a URL (with a warning); so do we.
  if (icon && ICON_EMOJI.test(icon)) options['icon_emoji'] = icon;
  else if (icon && isHttpIcon(icon)) options['icon_url'] = icon;
  if (settings.disableUnfurl) {
    options['unfurl_links'] = false;
    options['unfurl_media'] = false;
  }
  return options;
}
