import { KubeConfig } from '@kubernetes/client-node';
import type { RequestOptions } from 'node:https';
import { Agent, fetch as undiciFetch } from 'undici';

/** How the Node runtime reaches a Kubernetes API: its URL and a fetch that carries the credentials. */
export interface KubeConnection {
  server: string;
  context: string;
  /** The namespace the current context names, if any (what `-n` defaults to). */
  namespace?: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Loads a kubeconfig (file, in-cluster service account, exec plugins, client certificates) with
 * @kubernetes/client-node, which only Node entry points import, and wraps it as a fetch. TLS
 * material (cluster CA, client certificate) goes into an undici dispatcher: Node's fetch ignores
 * the `agent` client-node prepares for its own HTTP stack.
 */
export function connectWithKubeconfig(path?: string, opts: { context?: string } = {}): KubeConnection {
  const kc = new KubeConfig();
  if (path) kc.loadFromFile(path);
  else kc.loadFromDefault();
  if (opts.context !== undefined) {
    if (!kc.getContextObject(opts.context)) throw new Error(`context "${opts.context}" does not exist in kubeconfig${path ? ` ${path}` : ''}`);
    kc.setCurrentContext(opts.context);
  }
  const namespace = kc.getContextObject(kc.getCurrentContext())?.namespace;
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`kubeconfig${path ? ` ${path}` : ''} has no current cluster`);
  const server = cluster.server.replace(/\/$/, '');
  let agent: { key: string; dispatcher: Agent } | undefined;
  const dispatcherFor = (opts: RequestOptions): Agent => {
    const tls = { ca: opts.ca, cert: opts.cert, key: opts.key, ...(opts.rejectUnauthorized !== undefined ? { rejectUnauthorized: opts.rejectUnauthorized } : {}), ...(opts.servername ? { servername: opts.servername } : {}) };
    const key = JSON.stringify([String(tls.ca ?? ''), String(tls.cert ?? ''), String(tls.key ?? ''), tls.rejectUnauthorized, tls.servername]);
    if (agent?.key !== key) agent = { key, dispatcher: new Agent({ connect: tls }) };
    return agent.dispatcher;
  };
  return {
    server,
    context: kc.getCurrentContext(),
    ...(namespace ? { namespace } : {}),
    async fetch(p, init = {}) {
      // Re-applied per request: exec plugins and token files refresh credentials here.
      const opts: RequestOptions = {};
      await kc.applyToHTTPSOptions(opts);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string' || typeof v === 'number') headers[k.toLowerCase()] = String(v);
      if (opts.auth) headers.authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
      for (const [k, v] of new Headers(init.headers)) headers[k] = v;
      const res = await undiciFetch(`${server}${p}`, { ...(init as object), headers, dispatcher: server.startsWith('https:') ? dispatcherFor(opts) : undefined });
      return res as unknown as Response;
    },
  };
}
