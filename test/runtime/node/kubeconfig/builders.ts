import { stringify } from 'yaml';

type Fields = Record<string, unknown>;

export interface KubeconfigParts {
  clusters?: Record<string, Fields>;
  contexts?: Record<string, Fields>;
  users?: Record<string, Fields>;
  current?: string;
}

/** A kubeconfig document as YAML, from named entries: `aKubeconfig({ users: { dev: { token: 't' } } })`. */
export function aKubeconfig(parts: KubeconfigParts = {}): string {
  const list = (entries: Record<string, Fields> | undefined, inner: string) =>
    Object.entries(entries ?? {}).map(([name, body]) => ({ name, [inner]: body }));
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: list(parts.clusters, 'cluster'),
    contexts: list(parts.contexts, 'context'),
    users: list(parts.users, 'user'),
    ...(parts.current !== undefined ? { 'current-context': parts.current } : {}),
  });
}

/** One cluster `c`, user `u` and context `ctx` (current), each with overrides. */
export function aSingleKubeconfig(
  o: { cluster?: Fields; user?: Fields; context?: Fields } = {},
): string {
  return aKubeconfig({
    clusters: { c: { server: 'https://api.example:6443', ...o.cluster } },
    users: { u: { token: 'abc', ...o.user } },
    contexts: { ctx: { cluster: 'c', user: 'u', ...o.context } },
    current: 'ctx',
  });
}

export const b64 = (text: string) => Buffer.from(text).toString('base64');
