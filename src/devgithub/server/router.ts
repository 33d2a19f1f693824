import type { Repo } from '../model.js';
import type { Urls } from '../render/urls.js';
import type { GitHubState } from '../state.js';
import type { AppSettings, Identity, InstallationTokens } from './auth.js';
import type { Body } from './fields.js';
import type { RateWindow } from './rate-limit.js';

/** Webhooks caused by API calls (a comment the project posts, a deployment status…), delivered in the background. */
export interface EventSink {
  emit(repo: Repo, event: string, payload: Record<string, unknown>): void;
}

export interface RequestContext {
  state: GitHubState;
  urls: Urls;
  params: Record<string, string>;
  /** The URL as the client sent it (with `/api/v3` when it used that), for `Link` headers. */
  url: URL;
  body: Body;
  identity: Identity;
  /** Epoch milliseconds. */
  now: number;
  accept: string;
  events: EventSink;
  app?: AppSettings;
  installations: InstallationTokens;
  rate: RateWindow;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A non-JSON answer (raw media types). */
  raw?: { contentType: string; data: Buffer };
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** `/repos/:owner/:repo/git/trees/:sha`; a final `*name` takes the rest of the path, slashes included. */
  path: string;
  /** The docs page GitHub names in this endpoint's errors. */
  docs: string;
  /** `app`: only a GitHub App JWT is accepted. */
  auth?: 'app';
  /** Does not spend rate limit (`GET /rate_limit`). */
  free?: boolean;
  handle(ctx: RequestContext): Reply;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Path parameters when `pattern` matches; segments are split before decoding, so `%2F` stays inside one. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').slice(1);
  const got = path.split('/').slice(1);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    if (w.startsWith('*')) {
      const rest = got.slice(i).map(decode);
      if (rest.some((r) => r === undefined)) return undefined;
      params[w.slice(1)] = rest.join('/');
      return params;
    }
    const g = got[i];
    if (g === undefined) return undefined;
    if (w.startsWith(':')) {
      const v = decode(g);
      if (v === undefined || v === '') return undefined;
      params[w.slice(1)] = v;
    } else if (w !== g) return undefined;
  }
  return got.length === want.length ? params : undefined;
}

/** First route whose method and path match. A known path with another method is still a 404, as on GitHub. */
export function findRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}
