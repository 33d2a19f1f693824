import type { SendOutcome } from '../../../domain/notification.js';
import type { EmailMessage } from './build-message.js';
import { planSmtpConnection, planSmtpSession } from './plan-smtp.js';
import type { EmailSettings } from './settings.js';
import { type SmtpConnect, type SmtpSocket, SmtpSocketError } from './smtp-connect.js';
import {
  advanceSmtpSession,
  parseReplyLine,
  type SmtpPlan,
  type SmtpReply,
  startSmtpSession,
} from './smtp-session.js';

/** RFC 5321 §4.5.3.2 asks for minutes; a notification gives up sooner and is retried later. */
const REPLY_TIMEOUT_MS = 30_000;

/** Connects and sends one message. Never throws: every failure is a `SendOutcome`. */
export async function sendEmail(
  connect: SmtpConnect,
  settings: EmailSettings,
  message: EmailMessage,
): Promise<SendOutcome> {
  let socket: SmtpSocket;
  try {
    socket = await connect(planSmtpConnection(settings));
  } catch (e) {
    return failureOf(e);
  }
  return executeSmtp(socket, planSmtpSession(settings, message));
}

/** Drives the session over the socket until it finishes; closes the socket. */
export async function executeSmtp(socket: SmtpSocket, plan: SmtpPlan): Promise<SendOutcome> {
  let session = startSmtpSession(plan);
  try {
    for (;;) {
      const step = advanceSmtpSession(session, await readReply(socket));
      session = step.session;
      for (const action of step.actions) {
        if (action.kind === 'finish') {
          // The outcome is decided: a server that hangs up before QUIT changes nothing.
          await socket.write('QUIT\r\n').catch(() => undefined);
          return action.outcome;
        }
        if (action.kind === 'upgrade-tls') await socket.upgradeTls();
        else await socket.write(action.text);
      }
    }
  } catch (e) {
    return failureOf(e);
  } finally {
    socket.close();
  }
}

/** One reply, all of its lines (`250-…` continues, `250 …` ends). */
async function readReply(socket: SmtpSocket): Promise<SmtpReply> {
  const lines: string[] = [];
  for (;;) {
    const line = await socket.readLine(REPLY_TIMEOUT_MS);
    const parsed = parseReplyLine(line);
    if (!parsed) throw new SmtpProtocolError(`the server answered "${line.slice(0, 80)}"`);
    lines.push(parsed.text);
    if (parsed.last) return { code: parsed.code, lines };
  }
}

class SmtpProtocolError extends Error {}

function failureOf(e: unknown): SendOutcome {
  if (e instanceof SmtpSocketError)
    return { ok: false, retryable: e.retryable, reason: `smtp: ${e.message}` };
  if (e instanceof SmtpProtocolError)
    return { ok: false, retryable: false, reason: `smtp: ${e.message}` };
  // Anything else comes from the socket below us: treat it as the network.
  return {
    ok: false,
    retryable: true,
    reason: `smtp: ${e instanceof Error ? e.message : String(e)}`,
  };
}
