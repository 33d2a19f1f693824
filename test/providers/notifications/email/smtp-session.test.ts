import { describe, expect, it } from 'vitest';
import {
  planSmtpConnection,
  planSmtpSession,
} from '../../../../src/providers/notifications/email/plan-smtp.js';
import {
  advanceSmtpSession,
  dotStuff,
  type SmtpAction,
  type SmtpPlan,
  startSmtpSession,
} from '../../../../src/providers/notifications/email/smtp-session.js';

/** The SMTP conversation without a socket: scripted server replies in, commands out. */
function aPlan(overrides: Partial<SmtpPlan> = {}): SmtpPlan {
  return {
    clientName: 'localhost',
    implicitTls: false,
    loopback: false,
    message: {
      mailFrom: 'a@example.com',
      recipients: ['b@example.com'],
      data: 'Subject: x\r\n\r\n.hi\r\n',
    },
    ...overrides,
  };
}

/** Plays `replies` (`code text|more|lines`: the extra lines of one reply) and returns what was written. */
function converse(plan: SmtpPlan, replies: string[]): { written: string[]; end?: SmtpAction } {
  let session = startSmtpSession(plan);
  const written: string[] = [];
  for (const r of replies) {
    const lines = r.split('|');
    const code = Number(lines[0]!.slice(0, 3));
    const step = advanceSmtpSession(session, {
      code,
      lines: [lines[0]!.slice(4), ...lines.slice(1)],
    });
    session = step.session;
    for (const a of step.actions) {
      if (a.kind === 'finish') return { written, end: a };
      written.push(a.kind === 'write' ? a.text.trimEnd() : '<tls>');
    }
  }
  return { written };
}

const creds = { username: 'u', password: 'p' };

describe('SMTP session', () => {
  it('falls back to HELO when the server does not speak ESMTP, and sends the envelope', () => {
    const r = converse(aPlan(), [
      '220 hi',
      '502 what',
      '250 ok',
      '250 ok',
      '250 ok',
      '354 go',
      '250 queued',
    ]);
    expect(r.written).toEqual([
      'EHLO localhost',
      'HELO localhost',
      'MAIL FROM:<a@example.com>',
      'RCPT TO:<b@example.com>',
      'DATA',
      'Subject: x\r\n\r\n..hi\r\n.',
    ]);
    expect(r.end).toEqual({ kind: 'finish', outcome: { ok: true } });
  });

  it('upgrades before authenticating and prefers PLAIN', () => {
    const r = converse(aPlan({ credentials: creds }), [
      '220 hi',
      '250 hello|STARTTLS|AUTH LOGIN PLAIN',
      '220 go ahead',
      '250 hello|AUTH LOGIN PLAIN',
      '235 ok',
    ]);
    expect(r.written).toEqual([
      'EHLO localhost',
      'STARTTLS',
      '<tls>',
      'EHLO localhost',
      `AUTH PLAIN ${btoa('\0u\0p')}`,
      'MAIL FROM:<a@example.com>',
    ]);
  });

  it.each([
    {
      name: 'a password over a plain connection to another machine',
      plan: aPlan({ credentials: creds }),
      replies: ['220 hi', '250 hello|AUTH PLAIN'],
      retryable: false,
      reason: /no STARTTLS: the password is not sent in clear/,
    },
    {
      name: 'credentials for a server without AUTH',
      plan: aPlan({ credentials: creds, loopback: true }),
      replies: ['220 hi', '250 hello|SIZE 100'],
      retryable: false,
      reason: /offers no AUTH/,
    },
    {
      name: 'only CRAM-MD5',
      plan: aPlan({ credentials: creds, implicitTls: true }),
      replies: ['220 hi', '250 hello|AUTH CRAM-MD5'],
      retryable: false,
      reason: /offers CRAM-MD5 \(this client speaks PLAIN and LOGIN\)/,
    },
    {
      name: 'a busy server',
      plan: aPlan(),
      replies: ['421 4.3.2 too busy'],
      retryable: true,
      reason: /greeting refused: 421 4\.3\.2 too busy/,
    },
    {
      name: 'a message refused after DATA',
      plan: aPlan(),
      replies: ['220 hi', '250 hello', '250 ok', '250 ok', '354 go', '554 5.7.1 spam'],
      retryable: false,
      reason: /the message refused: 554/,
    },
  ])('refuses $name', ({ plan, replies, retryable, reason }) => {
    const r = converse(plan, replies);
    expect(r.end).toMatchObject({ kind: 'finish', outcome: { ok: false, retryable } });
    expect(r.end?.kind === 'finish' && !r.end.outcome.ok ? r.end.outcome.reason : '').toMatch(
      reason,
    );
    expect(r.written.join('\n')).not.toMatch(/AUTH/);
  });

  it('dot-stuffs every line that starts with a dot', () => {
    expect(dotStuff('.a\r\nb\r\n..c\r\n.\r\n')).toBe('..a\r\nb\r\n...c\r\n..\r\n');
  });
});

describe('SMTP plan from the settings', () => {
  const settings = {
    host: 'smtp.example.com',
    port: 587,
    from: 'a@example.com',
    html: false,
    insecureSkipVerify: false,
  };
  const message = aPlan().message;

  it.each([
    { port: 465, tls: 'implicit' },
    { port: 587, tls: 'none' },
    { port: 25, tls: 'none' },
  ])('port $port starts with TLS $tls', ({ port, tls }) => {
    expect(planSmtpConnection({ ...settings, port })).toMatchObject({
      tls,
      rejectUnauthorized: true,
    });
    expect(planSmtpSession({ ...settings, port }, message).implicitTls).toBe(tls === 'implicit');
  });

  it('authenticates only with both username and password, as upstream', () => {
    expect(planSmtpSession({ ...settings, username: 'u' }, message).credentials).toBeUndefined();
    expect(
      planSmtpSession({ ...settings, username: 'u', password: 'p' }, message).credentials,
    ).toEqual({
      username: 'u',
      password: 'p',
    });
  });

  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['127.example.com', false],
    ['smtp.example.com', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(planSmtpSession({ ...settings, host }, message).loopback).toBe(loopback);
  });
});
