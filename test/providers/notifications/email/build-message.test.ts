import { describe, expect, it } from 'vitest';
import { buildEmailMessage } from '../../../../src/providers/notifications/email/build-message.js';
import {
  encodeHeaderText,
  encodeQuotedPrintable,
} from '../../../../src/providers/notifications/email/encoding.js';
import { parseEmailSettings } from '../../../../src/providers/notifications/email/settings.js';
import { aDelivery } from '../support/delivery.js';

const settings = {
  host: 'smtp.example.com',
  port: 587,
  from: 'r@example.com',
  html: false,
  insecureSkipVerify: false,
};

describe('email message', () => {
  it('keeps a templated newline from starting a header of its own', () => {
    const built = buildEmailMessage(
      settings,
      aDelivery({
        recipient: 'ops@example.com',
        sections: { email: { subject: 'hi\r\nBcc: all@example.com' } },
      }),
      0,
    );
    if (!('message' in built)) throw new Error(built.problem);
    const headers = built.message.data.split('\r\n\r\n')[0]!.split('\r\n');
    expect(headers).toContain('Subject: hi Bcc: all@example.com');
    expect(headers.some((h) => h.startsWith('Bcc:'))).toBe(false);
  });

  it('refuses a recipient that is not an address', () => {
    expect(
      buildEmailMessage(settings, aDelivery({ recipient: 'ops, dev@example.com' }), 0),
    ).toEqual({
      problem: 'recipient "ops" is not an email address',
    });
  });

  it('encodes long non-ASCII subjects as words of at most 75 characters, whole characters each', () => {
    const subject = 'Déploiement ✅ '.repeat(12);
    const lines = encodeHeaderText(subject).split('\r\n ');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(75);
    const decoded = lines
      .map((l) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(l)![1]!, 'base64').toString('utf8'))
      .join('');
    expect(decoded).toBe(subject.trim());
  });

  it('keeps quoted-printable lines within 76 characters and encodes trailing spaces', () => {
    const out = encodeQuotedPrintable(`${'é'.repeat(60)}\nend with space `);
    for (const l of out.split('\r\n')) expect(l.length).toBeLessThanOrEqual(76);
    expect(out.endsWith('end with space=20')).toBe(true);
  });
});

describe('email settings', () => {
  it('lists every problem at once and never quotes a value', () => {
    const parsed = parseEmailSettings({ port: 'x', from: 'nobody', password: 42, html: 'yes' });
    expect(parsed).toEqual({
      problems: [
        'host is required',
        'port must be a number from 1 to 65535',
        'from must be an address (name@example.com or Name <name@example.com>)',
        'password must be a string',
        'html must be true or false',
      ],
    });
  });

  it('reads upstream keys, a port written as text included', () => {
    expect(
      parseEmailSettings({
        host: 'smtp.example.com',
        port: '465',
        from: 'a@example.com',
        username: 'u',
        password: 'p',
        html: true,
        insecure_skip_verify: 'true',
      }),
    ).toEqual({
      settings: {
        host: 'smtp.example.com',
        port: 465,
        from: 'a@example.com',
        username: 'u',
        password: 'p',
        html: true,
        insecureSkipVerify: true,
      },
    });
  });
});
