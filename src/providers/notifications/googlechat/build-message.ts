import type { Delivery } from '../../../domain/notification.js';
import { jsonArrayField, sectionOf, textField } from '../shared/section.js';

/** What a Google Chat webhook gets: the request body and the thread parameters of the URL. */
export interface GoogleChatMessage {
  body: Record<string, unknown>;
  threadKey: string;
}

/**
 * The message for a Google Chat space: `googlechat.cardsV2` (each card given a `cardId`, which
 * the API requires) or legacy `cards`, else the text. Card ids derive from the delivery key so a
 * retried send builds the same message.
 */
export function buildGoogleChatMessage(delivery: Delivery): GoogleChatMessage | { error: string } {
  const section = sectionOf(delivery, 'googlechat');
  const cardsV2 = jsonArrayField(section, 'cardsV2', 'googlechat');
  const cards = jsonArrayField(section, 'cards', 'googlechat');
  if (cardsV2 && 'error' in cardsV2) return cardsV2;
  if (cards && 'error' in cards) return cards;
  const body: Record<string, unknown> = {};
  if (cardsV2) {
    body['cardsV2'] = cardsV2.value.map((card, i) => ({ cardId: `${delivery.key}-${i}`, card }));
  }
  if (cards) body['cards'] = cards.value;
  if (!cards && !cardsV2) body['text'] = delivery.message.message;
  return { body, threadKey: textField(section, 'threadKey') };
}

/** The webhook URL with `threadKey`: reply in that thread, or start it when there is none yet. */
export function buildThreadedUrl(url: string, threadKey: string): string {
  if (threadKey === '') return url;
  const u = new URL(url);
  u.searchParams.set('threadKey', threadKey);
  u.searchParams.set('messageReplyOption', 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD');
  return u.toString();
}
