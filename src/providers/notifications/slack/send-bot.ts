import type { Delivery, SendOutcome } from '../../../domain/notification.js';
import { SENT } from '../shared/outcome.js';
import type { ServiceContext } from '../types.js';
import type { SlackMessage } from './build-message.js';
import type { SlackSettings } from './settings.js';
import { executeSlackCall, type SlackPosted } from './web-api.js';

/** Where a grouping key's thread lives: per service, channel and key, as upstream keeps it. */
export function threadKeyOf(delivery: Delivery, groupingKey: string): string {
  return `slack/${delivery.service.name}/${delivery.recipient}/${groupingKey}`;
}

async function loadThread(ctx: ServiceContext, key: string): Promise<SlackPosted | undefined> {
  const stored = await ctx.threads.get(key);
  if (stored === undefined) return undefined;
  try {
    const value = JSON.parse(stored) as Partial<SlackPosted>;
    return typeof value.ts === 'string' && typeof value.channel === 'string'
      ? { ts: value.ts, channel: value.channel }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends with the bot token, threading as upstream does: the first message of a grouping key starts
 * the thread (its `ts` remembered in `ctx.threads`), later ones reply in it (`Post`), replace the
 * first message (`Update`), or both (`PostAndUpdate`). A failed update after a successful post is
 * not retried, so a retry never posts the reply twice.
 */
export async function sendWithToken(
  ctx: ServiceContext,
  settings: SlackSettings & { token: string },
  delivery: Delivery,
  message: SlackMessage,
): Promise<SendOutcome> {
  const { groupingKey, deliveryPolicy, content } = message;
  const key = threadKeyOf(delivery, groupingKey);
  const thread = groupingKey === '' ? undefined : await loadThread(ctx, key);
  let posted = false;
  if (thread === undefined || deliveryPolicy !== 'Update') {
    const payload: Record<string, unknown> = {
      channel: delivery.recipient,
      ...content,
      ...message.postOptions,
    };
    if (thread) payload['thread_ts'] = thread.ts;
    // Slack reads reply_broadcast only on a reply: it shows the reply in the channel too.
    if (thread && message.notifyBroadcast) payload['reply_broadcast'] = true;
    const call = await executeSlackCall(ctx, settings, 'chat.postMessage', payload);
    if ('failed' in call) return call.failed;
    posted = true;
    // The message is out: a thread that cannot be remembered only means the next message of this
    // key starts a new one, whereas failing here would have the outbox post this one again.
    if (groupingKey !== '' && thread === undefined)
      await ctx.threads.set(key, JSON.stringify(call.posted)).catch(() => undefined);
  }
  if (thread !== undefined && deliveryPolicy !== 'Post') {
    const payload = { channel: thread.channel, ts: thread.ts, ...content };
    const call = await executeSlackCall(ctx, settings, 'chat.update', payload);
    if ('failed' in call) {
      if (!posted) return call.failed;
      const reason = `posted in the thread; updating its first message failed: ${call.failed.reason}`;
      return { ok: false, retryable: false, reason };
    }
  }
  return SENT;
}
