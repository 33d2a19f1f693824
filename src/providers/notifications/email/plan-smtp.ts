import type { EmailMessage } from './build-message.js';
import type { EmailSettings } from './settings.js';
import type { SmtpConnectOptions } from './smtp-connect.js';
import type { SmtpPlan } from './smtp-session.js';

/** Port 465 is SMTP over TLS from the first byte (RFC 8314 §3.3); every other port starts plain. */
const IMPLICIT_TLS_PORT = 465;
const CONNECT_TIMEOUT_MS = 10_000;

/** How to connect, from the settings: implicit TLS on 465, certificates checked unless told not to. */
export function planSmtpConnection(settings: EmailSettings): SmtpConnectOptions {
  return {
    host: settings.host,
    port: settings.port,
    tls: settings.port === IMPLICIT_TLS_PORT ? 'implicit' : 'none',
    rejectUnauthorized: !settings.insecureSkipVerify,
    timeoutMs: CONNECT_TIMEOUT_MS,
  };
}

/** The conversation for one message; credentials only when both are set, as upstream does. */
export function planSmtpSession(settings: EmailSettings, message: EmailMessage): SmtpPlan {
  const { username, password } = settings;
  return {
    clientName: 'localhost',
    implicitTls: settings.port === IMPLICIT_TLS_PORT,
    loopback: isLoopbackHost(settings.host),
    ...(username && password ? { credentials: { username, password } } : {}),
    message,
  };
}

/** A server on this machine, where nothing between us can read a password sent in clear. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
