import { KubeConfig } from '@kubernetes/client-node';

/** How the Node runtime reaches a Kubernetes API: its URL and a fetch that carries the credentials. */
export interface KubeConnection {
  server: string;
  context: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Loads a kubeconfig (file, in-cluster service account, exec plugins, client certificates) with
 * @kubernetes/client-node, which only Node entry points import, and wraps it as a fetch.
 */
export function connectWithKubeconfig(path?: string): KubeConnection {
  const kc = new KubeConfig();
  if (path) kc.loadFromFile(path);
  else kc.loadFromDefault();
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`kubeconfig${path ? ` ${path}` : ''} has no current cluster`);
  const server = cluster.server.replace(/\/$/, '');
  return {
    server,
    context: kc.getCurrentContext(),
    async fetch(p, init = {}) {
      const opts = await kc.applyToFetchOptions({});
      const headers = new Headers(opts.headers as HeadersInit | undefined);
      for (const [k, v] of new Headers(init.headers)) headers.set(k, v);
      return fetch(`${server}${p}`, { ...(opts as RequestInit), ...init, headers });
    },
  };
}
