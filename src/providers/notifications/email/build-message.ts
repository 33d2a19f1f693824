import type { ApprovalAction, Delivery } from '../../../domain/notification.js';
import { sectionOf, textField } from '../shared/section.js';
import {
  encodeAddress,
  encodeHeaderText,
  encodeQuotedPrintable,
  formatMailDate,
} from './encoding.js';
import { envelopeAddress, type EmailSettings } from './settings.js';

/** One mail ready for SMTP: the envelope, and the RFC 5322 message with CRLF line ends. */
export interface EmailMessage {
  mailFrom: string;
  recipients: string[];
  /** Headers and body, not yet dot-stuffed (the SMTP session does that). */
  data: string;
}

/** The template's `email:` section: `subject`, and `body` (the message when empty), both rendered. */
function emailSection(delivery: Delivery): { subject: string; body: string } {
  const s = sectionOf(delivery, 'email');
  return {
    subject: textField(s, 'subject'),
    body: textField(s, 'body') || delivery.message.message,
  };
}

/**
 * The recipients of `a@x.com, Ops <ops@x.com>` (upstream splits the subscription's recipient on
 * commas), or the entry that is not an address.
 */
export function parseRecipients(
  recipient: string,
): { headers: string[]; addresses: string[] } | { problem: string } {
  const headers = recipient
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const addresses: string[] = [];
  for (const h of headers) {
    const a = envelopeAddress(h);
    if (a === undefined) return { problem: `recipient "${h}" is not an email address` };
    addresses.push(a);
  }
  if (addresses.length === 0) return { problem: 'the subscription names no recipient' };
  return { headers, addresses };
}

/**
 * The mail for one delivery. Message-ID comes from the delivery's key and time, so a retried send
 * carries the same ID and mail clients show one message even if a server took it twice.
 */
export function buildEmailMessage(
  settings: EmailSettings,
  delivery: Delivery,
  now: number,
): { message: EmailMessage } | { problem: string } {
  const to = parseRecipients(delivery.recipient);
  if ('problem' in to) return to;
  const mailFrom = envelopeAddress(settings.from) ?? settings.from;
  const section = emailSection(delivery);
  const body = withActions(section.body, delivery.actions, settings.html);
  const domain = mailFrom.slice(mailFrom.lastIndexOf('@') + 1);
  const headers = [
    `Date: ${formatMailDate(now)}`,
    `From: ${encodeAddress(settings.from)}`,
    `To: ${to.headers.map(encodeAddress).join(',\r\n ')}`,
    `Subject: ${encodeHeaderText(section.subject)}`,
    `Message-ID: <${delivery.at}.${hashHex(delivery.key)}@${domain}>`,
    'MIME-Version: 1.0',
    `Content-Type: ${settings.html ? 'text/html' : 'text/plain'}; charset=utf-8`,
    'Content-Transfer-Encoding: quoted-printable',
    // RFC 3834: vacation responders and ticket systems do not answer a notification.
    'Auto-Submitted: auto-generated',
  ];
  return {
    message: {
      mailFrom,
      recipients: to.addresses,
      data: `${headers.join('\r\n')}\r\n\r\n${encodeQuotedPrintable(body)}\r\n`,
    },
  };
}

/** Promote/Abort as signed links below the body, for mail has no buttons (issue 20 §6). */
function withActions(body: string, actions: readonly ApprovalAction[], html: boolean): string {
  if (actions.length === 0) return body;
  const label = (a: ApprovalAction) => (a.action === 'promote' ? 'Promote' : 'Abort');
  if (html)
    return `${body}\n<p>${actions.map((a) => `<a href="${escapeHtml(a.url)}">${label(a)}</a>`).join(' | ')}</p>`;
  return `${body}\n\n${actions.map((a) => `${label(a)}: ${a.url}`).join('\n')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** FNV-1a, 64 bits as two 32-bit halves: a stable, short token for the Message-ID (not security). */
function hashHex(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x811c9dc5) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
