/**
 * The one piece of the email service that needs a TCP socket, injected by the Node runtime
 * (`src/runtime/node/smtp-connect.ts`). Workers have no `smtp` in the ServiceContext, and the email
 * service answers that it needs the Node runtime.
 */

export interface SmtpConnectOptions {
  host: string;
  port: number;
  /** `implicit`: TLS from the first byte (port 465); `none`: plain, upgraded later by STARTTLS. */
  tls: 'implicit' | 'none';
  /** The name the certificate must carry (SNI too); the host when absent. */
  servername?: string;
  /** False only when the settings say `insecure_skip_verify: true`. */
  rejectUnauthorized: boolean;
  /** How long opening the connection (and the TLS handshake) may take. */
  timeoutMs: number;
}

/** A connection to an SMTP server, line by line. Every failure rejects with an `SmtpSocketError`. */
export interface SmtpSocket {
  /** The next line the server sent, without its CRLF. */
  readLine(timeoutMs: number): Promise<string>;
  write(text: string): Promise<void>;
  /** After the server's `220` to STARTTLS: the rest of the conversation goes over TLS. */
  upgradeTls(): Promise<void>;
  close(): void;
}

export type SmtpConnect = (opts: SmtpConnectOptions) => Promise<SmtpSocket>;

/**
 * Why a connection failed: `certificate` problems are configuration (not retried), everything else
 * (refused, reset, timed out) is the network and worth another try.
 */
export class SmtpSocketError extends Error {
  readonly code = 'SmtpSocketError' as const;
  constructor(
    readonly kind: 'connect' | 'timeout' | 'closed' | 'certificate',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SmtpSocketError';
  }

  get retryable(): boolean {
    return this.kind !== 'certificate';
  }
}
