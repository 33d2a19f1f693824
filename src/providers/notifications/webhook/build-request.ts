import type { Delivery } from '../../../domain/notification.js';
import type { ServiceRequest } from '../shared/http-exchange.js';
import { sectionOf, textField } from '../shared/section.js';
import { joinUrl } from '../shared/settings-reader.js';
import type { WebhookSettings } from './settings.js';

/** Upstream's default when a template's webhook section names no method. */
const DEFAULT_METHOD = 'GET';
/**
 * A template without a section for this webhook (the built-in ones): upstream would send a bodiless
 * GET, which tells the receiver nothing; we POST the message as text instead.
 */
const MESSAGE_METHOD = 'POST';

/** Methods `fetch` refuses to send a body with (on Node and Workers alike). */
const BODYLESS = new Set(['GET', 'HEAD']);

/**
 * The request for `service.webhook.<name>`: the template's `webhook.<name>` section chooses the
 * method, a path appended to `url`, and the body. Without a section the message is POSTed as
 * text. A GET or HEAD carries no body: upstream's Go client would send one, but no `fetch` can.
 */
export function buildWebhookRequest(settings: WebhookSettings, delivery: Delivery): ServiceRequest {
  const sections = sectionOf(delivery, 'webhook');
  const own = sections?.[delivery.service.name];
  const section =
    typeof own === 'object' && own !== null ? (own as Record<string, unknown>) : undefined;
  const method = section
    ? (textField(section, 'method') || DEFAULT_METHOD).toUpperCase()
    : MESSAGE_METHOD;
  const path = textField(section, 'path');
  const url = path === '' ? settings.url : joinUrl(settings.url, path);
  const headers: Record<string, string> = {};
  if (settings.basicAuth) {
    const { username, password } = settings.basicAuth;
    headers['Authorization'] = `Basic ${base64Utf8(`${username}:${password}`)}`;
  }
  // Later entries win, as a header set twice does upstream.
  if (!section) headers['Content-Type'] = 'text/plain; charset=utf-8';
  for (const h of settings.headers) headers[h.name] = h.value;
  const body = section === undefined ? delivery.message.message : textField(section, 'body');
  if (BODYLESS.has(method)) return { method, url, headers };
  return { method, url, headers, body };
}

function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
