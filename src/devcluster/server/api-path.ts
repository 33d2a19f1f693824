import type { ResourceRegistry } from '../api/registry.js';

export type ApiPath =
  | { type: 'root' }
  | { type: 'version' }
  | { type: 'health'; check: string }
  | { type: 'legacyVersions' } // /api
  | { type: 'groups' } // /apis
  | { type: 'group'; group: string } // /apis/{g}
  | { type: 'groupVersion'; group: string; version: string }
  | { type: 'openapiV2' }
  | { type: 'openapiV3Root' }
  | { type: 'openapiV3'; group: string; version: string }
  | {
      type: 'resource';
      group: string;
      version: string;
      plural: string;
      namespace?: string;
      name?: string;
      subresource?: string;
      legacyWatch: boolean;
    };

/**
 * Parses a Kubernetes API path. `/api/v1/namespaces/x/pods` is a namespaced list while
 * `/api/v1/namespaces/x/status` is the Namespace's own subresource: the registry tells which.
 */
export function parseApiPath(pathname: string, registry: ResourceRegistry): ApiPath | undefined {
  let parts: string[];
  try {
    parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined; // malformed percent-encoding: no such path
  }
  if (parts.length === 0) return { type: 'root' };
  const [head, ...rest] = parts;
  if (head === 'version' && rest.length === 0) return { type: 'version' };
  if ((head === 'healthz' || head === 'readyz' || head === 'livez') && rest.length <= 1)
    return { type: 'health', check: head };
  if (head === 'openapi') {
    if (rest[0] === 'v2' && rest.length === 1) return { type: 'openapiV2' };
    if (rest[0] === 'v3' && rest.length === 1) return { type: 'openapiV3Root' };
    if (rest[0] === 'v3' && rest[1] === 'api' && rest[2] && rest.length === 3)
      return { type: 'openapiV3', group: '', version: rest[2] };
    if (rest[0] === 'v3' && rest[1] === 'apis' && rest[2] && rest[3] && rest.length === 4)
      return { type: 'openapiV3', group: rest[2], version: rest[3] };
    return undefined;
  }
  let group: string;
  let version: string | undefined;
  let tail: string[];
  if (head === 'api') {
    if (rest.length === 0) return { type: 'legacyVersions' };
    group = '';
    version = rest[0];
    tail = rest.slice(1);
  } else if (head === 'apis') {
    if (rest.length === 0) return { type: 'groups' };
    group = rest[0] ?? '';
    if (rest.length === 1) return { type: 'group', group };
    version = rest[1];
    tail = rest.slice(2);
  } else {
    return undefined;
  }
  if (!version) return undefined;
  if (tail.length === 0) return { type: 'groupVersion', group, version };
  let legacyWatch = false;
  if (tail[0] === 'watch') {
    legacyWatch = true;
    tail = tail.slice(1);
  }
  let namespace: string | undefined;
  if (tail[0] === 'namespaces' && tail.length >= 3) {
    const candidate = registry.find(group, version, tail[2] ?? '');
    // Only the core Namespace has subresources at namespaces/<name>/<x>; anything else is a
    // namespaced resource path, so an unknown plural gets a 404 that names it.
    const namespaceSubresource =
      !candidate && group === '' && (tail[2] === 'status' || tail[2] === 'finalize');
    if (candidate ? candidate.namespaced : !namespaceSubresource) {
      namespace = tail[1];
      tail = tail.slice(2);
    }
  }
  const [plural, name, subresource, ...extra] = tail;
  if (!plural || extra.length) return undefined;
  return {
    type: 'resource',
    group,
    version,
    plural,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    legacyWatch,
  };
}
