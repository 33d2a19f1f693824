import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A Python that has Debian's `python3-aiosmtpd`, or '' (pyenv shims on PATH may not see it). */
export const python =
  ['/usr/bin/python3', 'python3'].find(
    (p) => spawnSync(p, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status === 0,
  ) ?? '';

export interface SinkOptions {
  user?: string;
  password?: string;
  /** A certificate and key (PEM files): the server offers STARTTLS. */
  tls?: { cert: string; key: string };
  authRequireTls?: boolean;
  excludeAuth?: string[];
}

/** What the sink stored for one accepted message (see smtp-sink.py). */
export interface SunkMessage {
  helo: string;
  mailFrom: string;
  rcptTos: string[];
  tls: boolean;
  login: string | null;
  raw: string;
  headers: Record<string, string>;
  contentType: string;
  charset: string;
  body: string;
}

export interface SmtpSink {
  port: number;
  messages(): SunkMessage[];
  close(): Promise<void>;
}

/** Starts aiosmtpd (smtp-sink.py) on a free loopback port. */
export async function startSmtpSink(opts: SinkOptions = {}): Promise<SmtpSink> {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-sink-'));
  const args = [fileURLToPath(new URL('./smtp-sink.py', import.meta.url)), '--dir', dir];
  if (opts.user) args.push('--user', opts.user, '--password', opts.password ?? '');
  if (opts.tls) args.push('--cert', opts.tls.cert, '--key', opts.tls.key);
  if (opts.authRequireTls) args.push('--auth-require-tls');
  for (const m of opts.excludeAuth ?? []) args.push('--exclude-auth', m);
  const child: ChildProcess = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`aiosmtpd did not start:\n${log}`)), 10_000);
    child.once('exit', (code) => reject(new Error(`aiosmtpd exited (${code}):\n${log}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  return {
    port,
    messages: () =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SunkMessage),
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl. */
export function aSelfSignedCertificate(): { cert: string; key: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-cert-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-days',
      '1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  return { cert, key, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
