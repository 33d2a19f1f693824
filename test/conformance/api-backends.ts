import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeClient } from '../../src/adapters/kube/index.js';
import { parseJsonOrUndefined } from '../../src/domain/json.js';
import { type KubeConnection, kubeClientFor } from '../../src/runtime/node/index.js';
import { describeOnBackends } from '../support/backends.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- probes read arbitrary Kubernetes JSON
export type Json = any;

export interface Answer {
  status: number;
  body: Json;
}

export interface WatchEvent {
  type: string;
  object: Json;
}

/** One API server under test, spoken to over HTTP as any client would. */
export interface ApiBackend {
  /** The project's own REST client on this server (what GitOps and the controller use). */
  kube: KubeClient;
  req(method: string, path: string, body?: unknown, contentType?: string): Promise<Answer>;
  /** `req` with the response headers (e.g. the `Warning`s of fieldValidation=Warn). */
  reqWithHeaders(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<Answer & { headers: Headers }>;
  /** Opens a watch and collects its events until `done` says so or `ms` passes. */
  watch(path: string, done: (events: WatchEvent[]) => boolean, ms?: number): Promise<WatchEvent[]>;
}

const USER_AGENT = 'conformance-probe/1.0';

/** The probes over a bed's connection (its kubeconfig's credentials, on either backend). */
export function apiBackendFor(conn: KubeConnection): ApiBackend {
  const api: ApiBackend = {
    kube: kubeClientFor(conn),
    async req(method, path, body, contentType) {
      const { status, body: answer } = await api.reqWithHeaders(method, path, body, contentType);
      return { status, body: answer };
    },
    async reqWithHeaders(method, path, body, contentType = 'application/json') {
      const headers: Record<string, string> = {
        accept: 'application/json',
        'user-agent': USER_AGENT,
      };
      const init: RequestInit = { method, headers };
      if (body !== undefined) {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        headers['content-type'] = contentType;
      }
      const res = await conn.fetch(path, init);
      const text = await res.text();
      // Plain text (a 404 from a path no API serves) stays text.
      return { status: res.status, body: parseJsonOrUndefined(text) ?? text, headers: res.headers };
    },
    async watch(path, done, ms = 10_000) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), ms);
      const events: WatchEvent[] = [];
      try {
        const res = await conn.fetch(path, {
          headers: { accept: 'application/json', 'user-agent': USER_AGENT },
          signal: abort.signal,
        });
        const reader = res.body?.getReader();
        const decoder = new TextDecoder();
        let buffered = '';
        while (reader && !done(events)) {
          const { value, done: ended } = await reader.read();
          if (ended) break;
          buffered += decoder.decode(value, { stream: true });
          let nl: number;
          while ((nl = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, nl).trim();
            buffered = buffered.slice(nl + 1);
            if (line) events.push(JSON.parse(line) as WatchEvent);
          }
        }
      } catch (e) {
        if (!abort.signal.aborted) throw e;
      } finally {
        clearTimeout(timer);
        abort.abort();
      }
      return events;
    },
  };
  return api;
}

/** Polls `read` until `ok` holds; returns the last value either way, so a failure shows it. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  ms = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last = await read();
  while (!ok(last) && Date.now() < deadline) {
    await sleep(everyMs);
    last = await read();
  }
  return last;
}

/** Leaf paths of a FieldsV1 value (`.` markers left out): what a manager owns, comparable across servers. */
export function ownedPaths(fieldsV1: Json, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries((fieldsV1 ?? {}) as Record<string, Json>)) {
    if (key === '.') continue;
    const path = `${prefix}${prefix ? ' ' : ''}${key}`;
    const below = ownedPaths(child, path);
    out.push(...(below.length > 0 ? below : [path]));
  }
  return out.sort();
}

/** managedFields as `manager operation [subresource]` lines with their owned paths. */
export function managers(
  obj: Json,
): Array<{ manager: string; operation: string; subresource?: string; owns: string[] }> {
  return ((obj?.metadata?.managedFields ?? []) as Json[]).map((e) => ({
    manager: e.manager,
    operation: e.operation,
    ...(e.subresource ? { subresource: e.subresource } : {}),
    owns: ownedPaths(e.fieldsV1),
  }));
}

/**
 * Declares the same probes once per backend (test/support/backends.ts: its beds, its skip
 * reasons, `[devcluster]`/`[real]` in the title), so each `it` asserts one answer that both the
 * devcluster and the real API server must give. No controller of ours, no kubectl: only HTTP.
 */
export function describeOnBothBackends(
  title: string,
  probes: (api: () => ApiBackend) => void,
): void {
  describeOnBackends(title, { controller: false, kubectl: false }, (bed) => {
    let api: ApiBackend | undefined;
    probes(() => (api ??= apiBackendFor(bed.kube)));
  });
}
