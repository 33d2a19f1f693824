import { DEFAULT_FIELD_MANAGER, DEFAULT_USER_AGENT } from './client-identity.js';
import { KubeApiError, type KubeStatus } from './kube-api-error.js';
import { podPath } from './paths.js';
import {
  buildRetryPolicy,
  parseRetryAfter,
  type RetryOptions,
  type RetryPolicy,
} from './retry-policy.js';
import { type Answer, sendWithRetry } from './send-with-retry.js';
import { readJsonLines } from './watch-lines.js';

/** The slice of `fetch` the client uses; the global fetch, a Workers binding or a credentialed wrapper. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface KubeClientOptions {
  /** API server base URL, e.g. `https://10.0.0.1:6443` (no trailing slash needed). */
  server: string;
  /** Carries the credentials on Node (client-node's TLS/exec auth); defaults to the global fetch. */
  fetch?: FetchLike;
  /** Extra headers on every request, e.g. `{ authorization: 'Bearer …' }` on Workers. */
  headers?: Record<string, string>;
  /** Per request (headers and body); for a watch, until the response headers arrive. Default 30 s. */
  timeoutMs?: number;
  /**
   * Repeats of failed requests (retry-policy.ts: which requests, on which answers, how long);
   * `false` sends each request once. Watches are never repeated here: their callers resume them.
   */
  retry?: RetryOptions | false;
  /** Sent on every request. Default `serverless-rollouts/<version>` (client-identity.ts). */
  userAgent?: string;
  /** Credited with every create, update and patch but apply (which names its own). Default `serverless-rollouts`. */
  fieldManager?: string;
}

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size; `list` follows every page. */
  limit?: number;
  continue?: string;
}

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
  /** The list's own kind and apiVersion (`ConfigMapList`, `v1`): items in a list omit theirs. */
  kind?: string;
  apiVersion?: string;
}

export interface DeleteOptions {
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type EvictResult = { evicted: true } | { evicted: false; reason: string };

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface WatchEvent<T> {
  type: WatchEventType;
  object: T;
}
export interface WatchOptions {
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  timeoutSeconds?: number;
}
export interface WatchResult {
  /** The last resourceVersion seen (events and bookmarks): resume the next watch from here. */
  resourceVersion: string;
  /** The server no longer holds `resourceVersion` (410): list again before watching. */
  expired: boolean;
}

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

type Query = Record<string, string | number | boolean | undefined>;
interface ObjectWithVersion {
  metadata?: { resourceVersion?: string };
}

const JSON_TYPE = 'application/json';

/**
 * The one Kubernetes REST client (DESIGN §2): JSON over `fetch`, no Node imports, so it runs on
 * Node and in Workers alike. Authentication is the caller's (a fetch wrapper or a bearer header).
 * Failures are `KubeApiError`s, after the repeats the retry policy allows; `stats` counts requests
 * (every attempt) so a reconcile's API cost can be measured.
 */
export class KubeClient {
  readonly stats = { reads: 0, writes: 0 };
  private readonly server: string;
  private readonly fetchFn: FetchLike;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly fieldManager: string;

  constructor(opts: KubeClientOptions) {
    this.server = opts.server.replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? ((url, init) => fetch(url, init));
    this.headers = { 'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT, ...opts.headers };
    this.fieldManager = opts.fieldManager ?? DEFAULT_FIELD_MANAGER;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.retry = buildRetryPolicy(opts.retry);
  }

  get<T>(path: string): Promise<T> {
    return this.json<T>('GET', path);
  }

  /** The object, or undefined when it does not exist (404); other failures throw. */
  async find<T>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (e) {
      if (e instanceof KubeApiError && e.isNotFound) return undefined;
      throw e;
    }
  }

  /** Lists every page (following `continue`); the resourceVersion is the list's, for a watch to resume from. */
  async list<T>(path: string, query: ListQuery = {}): Promise<ListResult<T>> {
    const items: T[] = [];
    let token = query.continue;
    for (;;) {
      const q = {
        labelSelector: query.labelSelector,
        fieldSelector: query.fieldSelector,
        limit: query.limit,
        continue: token,
      };
      const page = await this.json<{
        kind?: string;
        apiVersion?: string;
        items?: T[];
        metadata?: { resourceVersion?: string; continue?: string };
      }>('GET', withQuery(path, q));
      items.push(...(page.items ?? []));
      token = page.metadata?.continue;
      if (!token) {
        const head = {
          ...(page.kind ? { kind: page.kind } : {}),
          ...(page.apiVersion ? { apiVersion: page.apiVersion } : {}),
        };
        return { items, resourceVersion: page.metadata?.resourceVersion ?? '', ...head };
      }
    }
  }

  create<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('POST', path, body);
  }

  replace<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('PUT', path, body);
  }

  mergePatch<T>(path: string, patch: unknown): Promise<T> {
    return this.json<T>('PATCH', path, patch, 'application/merge-patch+json');
  }

  jsonPatch<T>(path: string, ops: JsonPatchOp[]): Promise<T> {
    return this.json<T>('PATCH', path, ops, 'application/json-patch+json');
  }

  /**
   * Server-side apply (`application/apply-patch+yaml`; JSON is YAML): creates the object or merges
   * the applied configuration under `fieldManager`, which then owns those fields. `force` takes
   * fields over from other managers; `dryRun` validates and returns the result without storing it.
   */
  apply<T>(
    path: string,
    body: unknown,
    opts: { fieldManager: string; force?: boolean; dryRun?: boolean },
  ): Promise<T> {
    const q = {
      fieldManager: opts.fieldManager,
      force: opts.force ? true : undefined,
      dryRun: opts.dryRun ? 'All' : undefined,
    };
    return this.json<T>('PATCH', withQuery(path, q), body, 'application/apply-patch+yaml');
  }

  /** Built-in kinds only: real API servers answer 415 for strategic merge on custom resources. */
  strategicPatch<T>(path: string, patch: unknown): Promise<T> {
    return this.json<T>('PATCH', path, patch, 'application/strategic-merge-patch+json');
  }

  /** True when the object was deleted (or its deletion started); false when it did not exist. */
  async delete(path: string, opts?: DeleteOptions): Promise<boolean> {
    const body = opts ? { apiVersion: 'v1', kind: 'DeleteOptions', ...opts } : undefined;
    try {
      await this.json<unknown>('DELETE', path, body);
      return true;
    } catch (e) {
      if (e instanceof KubeApiError && e.isNotFound) return false;
      throw e;
    }
  }

  /** POSTs a policy/v1 Eviction; a disruption budget's refusal (429) is an outcome, not an error. */
  async evict(namespace: string, pod: string): Promise<EvictResult> {
    const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace } };
    try {
      await this.json<unknown>('POST', `${podPath(namespace, pod)}/eviction`, body, JSON_TYPE, {
        refusalIsOutcome: true,
      });
      return { evicted: true };
    } catch (e) {
      if (!(e instanceof KubeApiError) || e.status !== 429) throw e;
      return { evicted: false, reason: e.details?.causes?.[0]?.message ?? e.message };
    }
  }

  /**
   * Streams watch events to `onEvent` until the server ends the stream (its timeout) or `signal`
   * aborts; both resolve normally. An ERROR event with 410 resolves with `expired: true`; other
   * ERROR events and broken streams reject with a `KubeApiError`. Bookmarks only advance the
   * returned resourceVersion.
   */
  async watch<T extends ObjectWithVersion>(
    path: string,
    opts: WatchOptions,
    onEvent: (e: WatchEvent<T>) => void,
    signal: AbortSignal,
  ): Promise<WatchResult> {
    let resourceVersion = opts.resourceVersion ?? '';
    const q = {
      watch: true,
      allowWatchBookmarks: true,
      resourceVersion: opts.resourceVersion,
      labelSelector: opts.labelSelector,
      fieldSelector: opts.fieldSelector,
      timeoutSeconds: opts.timeoutSeconds,
    };
    const url = withQuery(path, q);
    if (signal.aborted) return { resourceVersion, expired: false };
    const ac = new AbortController();
    const stop = () => ac.abort();
    signal.addEventListener('abort', stop, { once: true });
    try {
      const res = await this.exchange(
        'GET',
        url,
        { method: 'GET', headers: this.requestHeaders() },
        ac,
        false,
      );
      if (res.status === 410) return { resourceVersion, expired: true };
      if (!res.ok) {
        // A watch is not repeated here (its loop decides), so the server's wait travels with the error.
        const wait = parseRetryAfter(res.headers.get('retry-after'), this.retry.now());
        throw KubeApiError.fromResponse(res.status, await res.text(), 'GET', url, wait);
      }
      if (!res.body) return { resourceVersion, expired: false };
      let expired = false;
      await readJsonLines(res.body, (line) => {
        const e = line as { type?: string; object?: unknown };
        if (e.type === 'ERROR') {
          const status = (e.object ?? {}) as KubeStatus;
          if (status.code !== 410) throw KubeApiError.fromStatus(status, 'GET', url);
          expired = true;
          return false;
        }
        const rv = (e.object as ObjectWithVersion | undefined)?.metadata?.resourceVersion;
        if (rv) resourceVersion = rv;
        if (e.type === 'ADDED' || e.type === 'MODIFIED' || e.type === 'DELETED')
          onEvent({ type: e.type, object: e.object as T });
        return true;
      });
      return { resourceVersion, expired };
    } catch (e) {
      if (signal.aborted) return { resourceVersion, expired: false };
      if (e instanceof KubeApiError) throw e;
      if (e instanceof SyntaxError)
        throw new KubeApiError({
          status: 0,
          reason: 'InvalidResponse',
          message: `GET ${url}: unparseable watch event`,
          retryable: true,
          method: 'GET',
          path: url,
          cause: e,
        });
      throw KubeApiError.network(e, 'GET', url);
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  private async json<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = JSON_TYPE,
    opts: { refusalIsOutcome?: boolean } = {},
  ): Promise<T> {
    const headers = this.requestHeaders();
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers['content-type'] = contentType;
      init.body = JSON.stringify(body);
    }
    const request = { method, path, body, contentType, ...opts };
    const sent = this.credited(method, path);
    const send = () => this.exchange(method, sent, init, new AbortController(), true);
    const { status, text } = await sendWithRetry(send, request, this.retry, () => this.get(path));
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new KubeApiError({
        status,
        reason: 'InvalidResponse',
        message: `${method} ${path}: answer is not JSON`,
        retryable: false,
        method,
        path,
        cause: e,
      });
    }
  }

  /** One HTTP exchange under the timeout: the response, and its whole body when `readBody`. */
  private exchange(
    method: string,
    path: string,
    init: RequestInit,
    ac: AbortController,
    readBody: true,
  ): Promise<Answer>;
  private exchange(
    method: string,
    path: string,
    init: RequestInit,
    ac: AbortController,
    readBody: false,
  ): Promise<Response>;
  private async exchange(
    method: string,
    path: string,
    init: RequestInit,
    ac: AbortController,
    readBody: boolean,
  ): Promise<Response | Answer> {
    if (method === 'GET') this.stats.reads++;
    else this.stats.writes++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A race, not only the abort signal: a fetch that ignores its signal must still time out.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        ac.abort();
        reject(KubeApiError.network(undefined, method, path, this.timeoutMs));
      }, this.timeoutMs);
    });
    const attempt = async () => {
      const res = await this.fetchFn(`${this.server}${path}`, { ...init, signal: ac.signal });
      return readBody
        ? { status: res.status, text: await res.text(), retryAfter: res.headers.get('retry-after') }
        : res;
    };
    try {
      return await Promise.race([attempt(), timeout]);
    } catch (e) {
      throw e instanceof KubeApiError ? e : KubeApiError.network(e, method, path);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Writes name their field manager; an apply patch already does, and DELETE takes none. */
  private credited(method: string, path: string): string {
    if (
      (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') ||
      /[?&]fieldManager=/.test(path)
    )
      return path;
    return withQuery(path, { fieldManager: this.fieldManager });
  }

  private requestHeaders(): Record<string, string> {
    return { accept: JSON_TYPE, ...this.headers };
  }
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${qs}`;
}
