import type { FetchLike } from '../../adapters/kube/index.js';
import type { Counter } from './metrics-registry.js';

export interface KubeRequest {
  kind: string;
  namespace: string;
  name: string;
  verb: string;
}

/**
 * What a Kubernetes REST path and method ask for, as `controller_clientset_k8s_request_total`
 * labels it: the resource (plural, as the path names it), namespace and name (`N/A` when absent),
 * and the verb (List and Watch for collections, Get for one object, Create/Update/Patch/Delete).
 * Subresources are `<resource>/<sub>`. Pure.
 */
export function parseKubeRequest(method: string, url: string): KubeRequest {
  const u = new URL(url, 'http://kube.invalid');
  const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  // /api/v1/... or /apis/<group>/<version>/...
  const rest = parts[0] === 'api' ? parts.slice(2) : parts[0] === 'apis' ? parts.slice(3) : [];
  let namespace = 'N/A';
  let i = 0;
  if (rest[0] === 'namespaces' && rest.length > 2) {
    namespace = rest[1] ?? 'N/A';
    i = 2;
  }
  const resource = rest[i] ?? 'Unknown';
  const name = rest[i + 1];
  const sub = rest[i + 2];
  const kind = sub ? `${resource}/${sub}` : resource;
  const m = method.toUpperCase();
  const verb =
    m === 'GET'
      ? u.searchParams.get('watch') === 'true' || u.searchParams.get('watch') === '1'
        ? 'Watch'
        : name === undefined
          ? 'List'
          : 'Get'
      : m === 'POST'
        ? 'Create'
        : m === 'PUT'
          ? 'Update'
          : m === 'PATCH'
            ? 'Patch'
            : m === 'DELETE'
              ? name === undefined
                ? 'DeleteCollection'
                : 'Delete'
              : m;
  return { kind, namespace, name: name ?? 'N/A', verb };
}

/**
 * Wraps the KubeClient's fetch to count every request by outcome: the HTTP status, or `0` when
 * the API was unreachable. Runtime-agnostic; the Node server wraps its kubeconfig fetch with it.
 */
export function countingFetch(fetchFn: FetchLike, counter: Counter): FetchLike {
  return async (url, init) => {
    const req = parseKubeRequest(init.method ?? 'GET', url);
    try {
      const res = await fetchFn(url, init);
      counter.inc({ ...req, status_code: String(res.status) });
      return res;
    } catch (e) {
      counter.inc({ ...req, status_code: '0' });
      throw e;
    }
  };
}
