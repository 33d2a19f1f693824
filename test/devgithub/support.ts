import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/rest';
import {
  startDevGitHub,
  type DevGitHub,
  type DevGitHubOptions,
} from '../../src/devgithub/index.js';

export const TOKEN = 'dev-token';
export const REPO = 'acme/deploy';

export interface World {
  gh: DevGitHub;
  octokit: Octokit;
  /** A request as any client sends it; JSON in and out. */
  api(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read GitHub's JSON field by field
  ): Promise<{ status: number; body: any; headers: Headers; text: string }>;
  close(): Promise<void>;
}

/** A server with `acme/deploy` created; `token: null` sends requests without credentials. */
export async function startWorld(
  opts: DevGitHubOptions & { token?: string | null } = {},
): Promise<World> {
  const gh = await startDevGitHub(opts);
  gh.createRepo(REPO);
  const token = opts.token === undefined ? TOKEN : opts.token;
  return {
    gh,
    octokit: anOctokit(gh.url, token ?? undefined),
    async api(method, path, body, headers = {}) {
      const res = await fetch(`${gh.url}${path}`, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          ...(token ? { authorization: `token ${token}` } : {}),
          ...headers,
        },
        ...(body === undefined
          ? {}
          : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* raw media types and empty 204s stay text */
      }
      return { status: res.status, body: parsed, headers: res.headers, text };
    },
    close: () => gh.close(),
  };
}

const quiet = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Octokit pointed at the emulator, without its request log on stderr. */
export function anOctokit(baseUrl: string, auth?: string): Octokit {
  return new Octokit({ baseUrl, log: quiet, ...(auth ? { auth } : {}) });
}

/** `git hash-object`, computed independently of the emulator. */
export function gitSha(type: 'blob' | 'tree' | 'commit', body: Buffer | string): string {
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${data.length}\0`), data]))
    .digest('hex');
}

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- webhook JSON read field by field
  payload: any;
}

/** A hook endpoint that records what it receives and answers `status` with `body`. */
export async function startHookReceiver(
  answer: { status?: number; body?: string; delayMs?: number } = {},
): Promise<{ url: string; received: ReceivedHook[]; close(): Promise<void> }> {
  const received: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      received.push({
        headers: req.headers,
        raw,
        payload: JSON.parse(raw.toString('utf8')) as unknown,
      });
      setTimeout(() => {
        res.writeHead(answer.status ?? 202, { 'content-type': 'text/plain' });
        res.end(answer.body ?? 'accepted');
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/github`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
