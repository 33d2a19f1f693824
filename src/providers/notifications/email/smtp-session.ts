import type { SendOutcome } from '../../../domain/notification.js';
import type { EmailMessage } from './build-message.js';
import { base64Utf8 } from './encoding.js';

/**
 * An SMTP client conversation (RFC 5321) as a pure state machine: it consumes the server's replies
 * and answers what to write next, so every branch (HELO fallback, STARTTLS, AUTH, refusals) is
 * tested without a socket. `executeSmtp` drives it over an `SmtpSocket`.
 */

export interface SmtpPlan {
  /** The name EHLO and HELO announce (`localhost`, as Go's net/smtp sends). */
  clientName: string;
  /** TLS from the first byte (port 465): no STARTTLS. */
  implicitTls: boolean;
  /** The server is on this machine: a password may go over a plain connection, as Go allows. */
  loopback: boolean;
  credentials?: { username: string; password: string };
  message: EmailMessage;
}

export interface SmtpReply {
  code: number;
  /** The text of each line after the code, in order. */
  lines: string[];
}

export type SmtpAction =
  | { kind: 'write'; text: string }
  /** Upgrade the connection to TLS now, then carry on with the actions after it. */
  | { kind: 'upgrade-tls' }
  /** The conversation is over; say QUIT on the way out (best effort: the outcome stands). */
  | { kind: 'finish'; outcome: SendOutcome };

type Stage =
  | 'greeting'
  | 'ehlo'
  | 'helo'
  | 'starttls'
  | 'ehlo-tls'
  | 'auth'
  | 'auth-login-user'
  | 'auth-login-password'
  | 'mail'
  | 'rcpt'
  | 'data'
  | 'body'
  | 'done';

export interface SmtpSession {
  plan: SmtpPlan;
  stage: Stage;
  secure: boolean;
  /** The recipient whose RCPT TO awaits its reply. */
  rcpt: number;
}

export function startSmtpSession(plan: SmtpPlan): SmtpSession {
  return { plan, stage: 'greeting', secure: plan.implicitTls, rcpt: 0 };
}

type Step = { session: SmtpSession; actions: SmtpAction[] };

/** What to do after `reply`, the server's answer to the last command (or its greeting). */
export function advanceSmtpSession(s: SmtpSession, reply: SmtpReply): Step {
  const to = (stage: Stage, ...actions: SmtpAction[]): Step => ({
    session: { ...s, stage },
    actions,
  });
  const ok = reply.code >= 200 && reply.code < 300;
  const { plan } = s;
  switch (s.stage) {
    case 'greeting':
      return ok ? to('ehlo', write(`EHLO ${plan.clientName}`)) : refused(s, 'greeting', reply);
    case 'ehlo':
      // A server that does not speak ESMTP answers 5xx to EHLO: say HELO, with no extensions.
      if (reply.code >= 500) return to('helo', write(`HELO ${plan.clientName}`));
      if (!ok) return refused(s, 'EHLO', reply);
      if (!s.secure && hasExtension(reply, 'STARTTLS')) return to('starttls', write('STARTTLS'));
      return afterHello(s, reply);
    case 'helo':
      return ok ? afterHello(s, { code: reply.code, lines: [] }) : refused(s, 'HELO', reply);
    case 'starttls':
      if (reply.code !== 220) return refused(s, 'STARTTLS', reply);
      return {
        session: { ...s, stage: 'ehlo-tls', secure: true },
        actions: [{ kind: 'upgrade-tls' }, write(`EHLO ${plan.clientName}`)],
      };
    case 'ehlo-tls':
      return ok ? afterHello(s, reply) : refused(s, 'EHLO after STARTTLS', reply);
    case 'auth-login-user':
      if (reply.code !== 334) return refused(s, 'AUTH LOGIN', reply);
      return to('auth-login-password', write(base64Utf8(plan.credentials?.username ?? '')));
    case 'auth-login-password':
      if (reply.code !== 334) return refused(s, 'AUTH LOGIN', reply);
      return to('auth', write(base64Utf8(plan.credentials?.password ?? '')));
    case 'auth':
      return reply.code === 235 ? mailFrom(s) : refused(s, 'authentication', reply);
    case 'mail':
      return ok ? rcptTo({ ...s, rcpt: 0 }) : refused(s, 'MAIL FROM', reply);
    case 'rcpt': {
      const who = plan.message.recipients[s.rcpt] ?? '';
      if (!ok) return refused(s, `RCPT TO <${who}>`, reply);
      return rcptTo({ ...s, rcpt: s.rcpt + 1 });
    }
    case 'data':
      if (reply.code !== 354) return refused(s, 'DATA', reply);
      return to('body', write(`${dotStuff(plan.message.data)}.\r\n`));
    case 'body':
      if (!ok) return refused(s, 'the message', reply);
      return to('done', { kind: 'finish', outcome: { ok: true } });
    case 'done':
      return to('done');
  }
}

/** After EHLO/HELO: authenticate when there are credentials, then the envelope. */
function afterHello(s: SmtpSession, reply: SmtpReply): Step {
  const creds = s.plan.credentials;
  if (!creds) return mailFrom(s);
  if (!s.secure && !s.plan.loopback)
    return fail(s, false, 'the server offers no STARTTLS: the password is not sent in clear');
  const mechanisms = authMechanisms(reply);
  if (mechanisms.includes('PLAIN')) {
    const token = base64Utf8(`\0${creds.username}\0${creds.password}`);
    return { session: { ...s, stage: 'auth' }, actions: [write(`AUTH PLAIN ${token}`)] };
  }
  if (mechanisms.includes('LOGIN'))
    return { session: { ...s, stage: 'auth-login-user' }, actions: [write('AUTH LOGIN')] };
  const offered = mechanisms.length > 0 ? mechanisms.join(' ') : 'no AUTH';
  return fail(
    s,
    false,
    `username and password are set but the server offers ${offered} (this client speaks PLAIN and LOGIN)`,
  );
}

function mailFrom(s: SmtpSession): Step {
  return {
    session: { ...s, stage: 'mail' },
    actions: [write(`MAIL FROM:<${s.plan.message.mailFrom}>`)],
  };
}

/** RCPT TO for recipient `s.rcpt`, or DATA once every recipient is accepted. */
function rcptTo(s: SmtpSession): Step {
  const next = s.plan.message.recipients[s.rcpt];
  if (next === undefined) return { session: { ...s, stage: 'data' }, actions: [write('DATA')] };
  return { session: { ...s, stage: 'rcpt' }, actions: [write(`RCPT TO:<${next}>`)] };
}

/** 4xx is "try again later" (RFC 5321 §4.2.1); 5xx and anything unexpected are final. */
function refused(s: SmtpSession, what: string, reply: SmtpReply): Step {
  const text = reply.lines.join(' ').trim();
  const retryable = reply.code >= 400 && reply.code < 500;
  return fail(s, retryable, `${what} refused: ${reply.code}${text ? ` ${text}` : ''}`);
}

function fail(s: SmtpSession, retryable: boolean, reason: string): Step {
  return {
    session: { ...s, stage: 'done' },
    actions: [{ kind: 'finish', outcome: { ok: false, retryable, reason: `smtp: ${reason}` } }],
  };
}

function write(command: string): SmtpAction {
  return { kind: 'write', text: command.endsWith('\r\n') ? command : `${command}\r\n` };
}

/** The EHLO keywords after the greeting line, upper-cased. */
function extensions(reply: SmtpReply): string[] {
  return reply.lines.slice(1).map((l) => l.trim().toUpperCase());
}

function hasExtension(reply: SmtpReply, keyword: string): boolean {
  return extensions(reply).some((e) => e === keyword || e.startsWith(`${keyword} `));
}

/** `AUTH PLAIN LOGIN`, and the `AUTH=LOGIN` some old servers still send. */
function authMechanisms(reply: SmtpReply): string[] {
  return extensions(reply)
    .filter((e) => e.startsWith('AUTH ') || e.startsWith('AUTH='))
    .flatMap((e) => e.slice(5).split(/\s+/))
    .filter((m) => m !== '');
}

/** RFC 5321 §4.5.2: a line that starts with `.` gets another, so it cannot end the message. */
export function dotStuff(data: string): string {
  return data.replace(/(^|\r\n)\./g, '$1..');
}

/** `250-PIPELINING` → more lines follow; `250 OK` → the last; undefined when not a reply line. */
export function parseReplyLine(
  line: string,
): { code: number; last: boolean; text: string } | undefined {
  const m = /^([2-5]\d\d)([ -]?)(.*)$/.exec(line);
  if (!m || m[1] === undefined) return undefined;
  return { code: Number(m[1]), last: m[2] !== '-', text: m[3] ?? '' };
}
