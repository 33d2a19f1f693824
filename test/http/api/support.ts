import type { Hono } from 'hono';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import { buildApp } from '../../../src/http/app.js';
import type { World } from '../../controller/world.js';

export const TOKEN = 'test-api-token';

/** The app as a runtime mounts it, with the API over the world's devcluster and its manual clock. */
export function apiApp(
  w: World,
  kube: KubeClient = w.kube,
  extra: { watchIntervalMs?: number; watchMaxPolls?: number } = {},
): Hono {
  return buildApp({
    runtime: 'node',
    version: '9.9.9',
    apiTokens: [TOKEN],
    api: { kube, now: () => w.h.clock.now(), ...extra },
  });
}

export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
}

export async function call(
  app: Hono,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${TOKEN}`, ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await app.request(path, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* an event stream stays text */
  }
  return { status: res.status, body: parsed };
}

/** A KubeClient whose every answer is `status` with a Kubernetes Status body. */
export function failingKube(status: number, reason: string, message: string): KubeClient {
  return new KubeClient({
    server: 'https://kube.test',
    fetch: () =>
      Promise.resolve(
        new Response(
          JSON.stringify({ kind: 'Status', status: 'Failure', code: status, reason, message }),
          { status, headers: { 'content-type': 'application/json' } },
        ),
      ),
  });
}

/** Moves a fresh canary (`shop`, 5 replicas, 8 steps) to its first pause: 1 canary pod, 4 stable. */
export async function pausedMidRollout(w: World): Promise<void> {
  await w.deploy();
  await w.setImage('registry.example/shop:v2');
  await w.advance(2000);
}
