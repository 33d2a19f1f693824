import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiErrors, DevGitHubError, DOCS, GitHubApiError } from '../errors.js';
import type { Account } from '../model.js';
import type { Urls } from '../render/urls.js';
import type { GitHubState } from '../state.js';
import { JWT_UNDECODABLE } from './app-jwt.js';
import {
  type AppSettings,
  type Identity,
  type InstallationTokens,
  resolveIdentity,
} from './auth.js';
import type { Body } from './fields.js';
import type { FaultInjector } from './faults.js';
import { RateLimiter, rateLimitHeaders, type RateWindow } from './rate-limit.js';
import { type EventSink, findRoute, type Reply, type Route } from './router.js';

export interface RequestLogEntry {
  method: string;
  /** Without `/api/v3` and without the query. */
  path: string;
  query: string;
  status: number;
  token?: string;
}

/** The `/_dev/` control surface; `null` when a path is not one of its own. */
export type ControlHandler = (req: {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Body;
}) => Promise<Reply | null>;

export interface ServerDeps {
  state: GitHubState;
  routes: readonly Route[];
  tokens: ReadonlySet<string>;
  app?: AppSettings;
  installations: InstallationTokens;
  faults: FaultInjector;
  events: EventSink;
  now: () => number;
  rateLimit: number;
  control?: ControlHandler;
  log?: (line: string) => void;
}

/** Unauthenticated callers get GitHub's 60 requests an hour per address. */
const ANONYMOUS_LIMIT = 60;
const MAX_BODY = 25 * 1024 * 1024;
const RATE_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

function requestId(): string {
  const h = (n: number) => randomBytes(n).toString('hex').toUpperCase();
  return `${h(2)}:${h(2)}:${h(3)}:${h(3)}:${h(4)}`;
}

async function readJsonBody(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new GitHubApiError(413, 'Payload too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw apiErrors.problemsParsingJson();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw apiErrors.problemsParsingJson();
  return parsed as Body;
}

function write(res: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  if (reply.raw) {
    res.writeHead(reply.status, {
      ...headers,
      ...reply.headers,
      'content-type': reply.raw.contentType,
      'content-length': String(reply.raw.data.length),
    });
    res.end(reply.raw.data);
    return;
  }
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, { ...headers, ...reply.headers });
    res.end();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body, null, 2);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
    ...reply.headers,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** The HTTP front: faults, credentials, rate limit, body, route — in that order, as GitHub's edge would. */
export class DevGitHubServer {
  readonly requests: RequestLogEntry[] = [];
  urls: Urls = { api: '', html: '' };
  private readonly server: Server;
  private readonly limiter = new RateLimiter();
  private readonly tokenOwner: Account;

  constructor(private readonly deps: ServerDeps) {
    this.tokenOwner = deps.state.ensureAccount(deps.state.tokenOwner);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        this.deps.log?.(
          `devgithub: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
        if (!res.headersSent)
          write(
            res,
            {
              status: 500,
              body: { message: 'Server Error', documentation_url: DOCS, status: '500' },
            },
            {},
          );
        else res.end();
      });
    });
    this.server.keepAliveTimeout = 60_000;
  }

  async listen(host: string, port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const { port: bound } = this.server.address() as AddressInfo;
    const base = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
    this.urls = { api: base, html: base };
    return base;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private limitFor(identity: Identity): number {
    return identity.kind === 'anonymous' ? ANONYMOUS_LIMIT : this.deps.rateLimit;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.urls.api);
    const method = (req.method ?? 'GET').toUpperCase();
    const path =
      url.pathname === '/api/v3'
        ? '/'
        : url.pathname.startsWith('/api/v3/')
          ? url.pathname.slice('/api/v3'.length)
          : url.pathname;
    if (path.startsWith('/_dev/')) return this.handleControl(req, res, method, path, url);
    const now = this.deps.now();
    const remote = req.socket.remoteAddress ?? '127.0.0.1';
    const headers: Record<string, string> = {
      'x-github-request-id': requestId(),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
    };
    let token: string | undefined;
    let rate: RateWindow = this.limiter.peek(`ip:${remote}`, ANONYMOUS_LIMIT, now);
    let docs = DOCS;
    let reply: Reply;
    try {
      const fault = this.deps.faults.take(method, path);
      if (fault) {
        reply = { status: fault.status, body: fault.body, headers: fault.headers };
      } else {
        const identity = resolveIdentity(req.headers.authorization, remote, {
          tokens: this.deps.tokens,
          tokenOwner: this.tokenOwner,
          installations: this.deps.installations,
          now,
          ...(this.deps.app ? { app: this.deps.app } : {}),
        });
        if (identity.kind !== 'anonymous') token = identity.token;
        const found = findRoute(this.deps.routes, method, path);
        docs = found?.route.docs ?? DOCS;
        const limit = this.limitFor(identity);
        if (found?.route.free) rate = this.limiter.peek(identity.rateKey, limit, now);
        else {
          const taken = this.limiter.take(identity.rateKey, limit, now);
          rate = taken.window;
          if (!taken.allowed) {
            const extra =
              identity.kind === 'anonymous'
                ? " (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
                : '';
            throw new GitHubApiError(
              403,
              `API rate limit exceeded for ${identity.subject}.${extra}`,
              { documentationUrl: `${RATE_DOCS}#primary-rate-limit` },
            );
          }
        }
        if (!found) throw apiErrors.notFound();
        if (found.route.auth === 'app' && identity.kind !== 'app')
          throw apiErrors.jwt(JWT_UNDECODABLE);
        const body = method === 'GET' || method === 'HEAD' ? {} : await readJsonBody(req);
        reply = found.route.handle({
          state: this.deps.state,
          urls: this.urls,
          params: found.params,
          url,
          body,
          identity,
          now,
          accept: req.headers.accept ?? '',
          events: this.deps.events,
          installations: this.deps.installations,
          rate,
          ...(this.deps.app ? { app: this.deps.app } : {}),
        });
      }
    } catch (e) {
      if (!(e instanceof GitHubApiError)) throw e;
      reply = {
        status: e.status,
        body: e.toBody(docs),
        ...(e.details.headers ? { headers: e.details.headers } : {}),
      };
    }
    write(res, reply, { ...headers, ...rateLimitHeaders(rate) });
    this.requests.push({
      method,
      path,
      query: url.search,
      status: reply.status,
      ...(token ? { token } : {}),
    });
  }

  private async handleControl(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    url: URL,
  ): Promise<void> {
    let reply: Reply | null = null;
    try {
      if (!this.deps.control) throw apiErrors.notFound();
      const credential = /^(?:token|bearer)\s+(.+)$/i
        .exec(req.headers.authorization ?? '')?.[1]
        ?.trim();
      if (!credential || !this.deps.tokens.has(credential)) throw apiErrors.badCredentials();
      const body = method === 'GET' ? {} : await readJsonBody(req);
      reply = await this.deps.control({ method, path, query: url.searchParams, body });
      if (!reply) throw apiErrors.notFound();
    } catch (e) {
      // A control request naming an unknown repository is the caller's mistake, not the server's.
      if (e instanceof DevGitHubError) reply = { status: 400, body: { message: e.message } };
      else if (e instanceof GitHubApiError) reply = { status: e.status, body: e.toBody() };
      else throw e;
    }
    write(res, reply, {});
  }
}
