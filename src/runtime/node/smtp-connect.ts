import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import {
  type SmtpConnect,
  type SmtpConnectOptions,
  type SmtpSocket,
  SmtpSocketError,
} from '../../providers/notifications/email/index.js';

/**
 * SMTP's TCP connection on Node, for the email notification service (the protocol itself is the
 * pure session in `providers/notifications/email`). Lines in, text out, STARTTLS on demand.
 */
export const connectSmtp: SmtpConnect = async (opts) => {
  const socket =
    opts.tls === 'implicit'
      ? await handshake(tlsConnect({ ...tlsOptions(opts), port: opts.port }), opts)
      : await opened(netConnect({ host: opts.host, port: opts.port }), opts);
  return new LineSocket(socket, opts);
};

function tlsOptions(opts: SmtpConnectOptions) {
  const name = opts.servername ?? opts.host;
  // SNI carries host names only; an IP address is still checked against the certificate.
  return {
    host: opts.host,
    rejectUnauthorized: opts.rejectUnauthorized,
    ...(isIP(name) === 0 ? { servername: name } : {}),
  };
}

function opened(socket: Socket, opts: SmtpConnectOptions): Promise<Socket> {
  return settle(socket, 'connect', opts);
}

function handshake(socket: TLSSocket, opts: SmtpConnectOptions): Promise<Socket> {
  return settle(socket, 'secureConnect', opts);
}

/** Resolves on `event`, rejects on an error or when `opts.timeoutMs` passes first. */
function settle(socket: Socket, event: string, opts: SmtpConnectOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new SmtpSocketError(
          'timeout',
          `no connection to ${where(opts)} within ${opts.timeoutMs} ms`,
        ),
      );
    }, opts.timeoutMs);
    socket.once(event, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(toSocketError(e, opts));
    });
  });
}

function where(opts: SmtpConnectOptions): string {
  return `${opts.host}:${opts.port}`;
}

function toSocketError(e: Error, opts: SmtpConnectOptions): SmtpSocketError {
  const code = (e as { code?: string }).code ?? '';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code))
    return new SmtpSocketError(
      'certificate',
      `the certificate of ${where(opts)} is not trusted (${code}); insecure_skip_verify accepts it`,
      { cause: e },
    );
  return new SmtpSocketError('connect', `${where(opts)}: ${e.message}`, { cause: e });
}

class LineSocket implements SmtpSocket {
  private buffer = '';
  private readonly lines: string[] = [];
  private failure?: SmtpSocketError;
  private waiting?: { resolve(line: string): void; reject(e: SmtpSocketError): void };

  constructor(
    private socket: Socket,
    private readonly opts: SmtpConnectOptions,
  ) {
    this.listen(socket);
  }

  private listen(socket: Socket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      const parts = this.buffer.split(/\r?\n/);
      this.buffer = parts.pop() ?? '';
      this.lines.push(...parts);
      this.wake();
    });
    socket.on('error', (e) => this.fail(toSocketError(e, this.opts)));
    socket.on('close', () =>
      this.fail(new SmtpSocketError('closed', `${where(this.opts)} closed the connection`)),
    );
  }

  private fail(e: SmtpSocketError): void {
    this.failure ??= e;
    this.wake();
  }

  private wake(): void {
    const w = this.waiting;
    if (!w) return;
    const line = this.lines.shift();
    if (line !== undefined) {
      this.waiting = undefined;
      w.resolve(line);
    } else if (this.failure) {
      this.waiting = undefined;
      w.reject(this.failure);
    }
  }

  readLine(timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        reject(
          new SmtpSocketError(
            'timeout',
            `${where(this.opts)} did not answer within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      this.waiting = {
        resolve: (line) => (clearTimeout(timer), resolve(line)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
      this.wake();
    });
  }

  write(text: string): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.socket.write(text, 'utf8', (e) => (e ? reject(toSocketError(e, this.opts)) : resolve()));
    });
  }

  async upgradeTls(): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('error');
    plain.removeAllListeners('close');
    // The TLS socket reports what happens below it from now on; the plain one must not crash us.
    plain.on('error', () => undefined);
    const secure = await handshake(
      tlsConnect({ ...tlsOptions(this.opts), socket: plain }),
      this.opts,
    );
    this.socket = secure;
    this.listen(secure);
  }

  close(): void {
    this.socket.destroy();
  }
}
