import { computeBackoff, type FetchLike, KubeClient } from '../../adapters/kube/index.js';
import { connectKube, loadKubeconfig } from './kubeconfig/index.js';

/** How the Node runtime reaches a Kubernetes API: its URL and a fetch that carries the credentials. */
export interface KubeConnection {
  server: string;
  context: string;
  /** The namespace the current context names, if any (what `-n` defaults to). */
  namespace?: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Loads a kubeconfig as kubectl does (a file or a `:`-joined list, else KUBECONFIG, ~/.kube/config,
 * then the in-cluster service account; client certificates, token files, exec plugins) and wraps
 * it as a fetch: src/runtime/node/kubeconfig. Throws a KubeconfigError listing every problem.
 */
export function connectWithKubeconfig(
  path?: string,
  opts: { context?: string } = {},
): KubeConnection {
  return connectKube(loadKubeconfig(path, opts));
}

/**
 * The one Kubernetes REST client over a kubeconfig connection; `wrap` sees every request (the
 * controller counts them for `/metrics`).
 */
export function kubeClientFor(
  conn: KubeConnection,
  wrap: (fetch: FetchLike) => FetchLike = (fetch) => fetch,
): KubeClient {
  return new KubeClient({
    server: conn.server,
    fetch: wrap((url, init) => conn.fetch(url.slice(conn.server.length), init)),
  });
}

export interface WaitOptions {
  /** What to read; its answer (any status) ends the wait. Default the Rollout CRD. */
  path?: string;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Per attempt. Default 5 s. */
  timeoutMs?: number;
}

export const ROLLOUT_CRD_PATH =
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/rollouts.argoproj.io';

/**
 * Start-up against a cluster: reads `path` until the API server answers (any status but 429/5xx),
 * saying what it waits for instead of exiting: an API server restarting, a tunnel still coming
 * up, or one dropped request must not stop `npm start`. Returns the answer's status.
 */
export async function waitForKubeApi(conn: KubeConnection, opts: WaitOptions): Promise<number> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    try {
      const res = await conn.fetch(opts.path ?? ROLLOUT_CRD_PATH, {
        signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
      });
      await res.body?.cancel();
      if (res.status !== 429 && res.status < 500) return res.status;
      reason = `answered ${res.status}`;
    } catch (e) {
      reason = describeFailure(e);
    }
    opts.log(`waiting for the Kubernetes API at ${conn.server} (attempt ${attempt}): ${reason}`);
    await sleep(computeBackoff(attempt - 1, { baseDelayMs: 250, maxDelayMs: 5000 }, random));
  }
}

/** undici says "fetch failed" and puts the reason (ECONNREFUSED, a TLS error) in `cause`. */
function describeFailure(e: unknown): string {
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof Error) return cause.message;
  return e instanceof Error ? e.message : String(e);
}
