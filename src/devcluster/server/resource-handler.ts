import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterApi } from '../api/cluster-api.js';
import { PATCH_CONTENT_TYPES, patchKindFor } from '../api/apply-patch.js';
import type { DeleteOptions } from '../api/deletion.js';
import type { ListOptions } from '../api/list.js';
import { isRecord } from '../api/object-meta.js';
import type { ResourceDef } from '../api/resource-def.js';
import { errors } from '../api/status-error.js';
import { evictPod, getScale, patchScale, updateScale } from '../api/subresources.js';
import type { ApiPath } from './api-path.js';
import { decodeRequestBody, mediaType } from './body.js';
import { sendJson } from './http-server.js';
import { negotiate } from './negotiate.js';
import { type IncludeObject, renderList, renderObject } from './render.js';
import { streamWatch } from './watch-stream.js';

export interface ResourceRequest {
  method: string;
  path: Extract<ApiPath, { type: 'resource' }>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body (empty for reads); decoded here, once the resource and verb are known. */
  raw: Buffer;
}

function listOptions(q: URLSearchParams): ListOptions {
  const limit = q.get('limit');
  if (limit !== null && !/^\d+$/.test(limit)) throw errors.badRequest(`invalid limit: ${limit}`);
  return {
    ...(q.get('labelSelector') ? { labelSelector: q.get('labelSelector') ?? '' } : {}),
    ...(q.get('fieldSelector') ? { fieldSelector: q.get('fieldSelector') ?? '' } : {}),
    ...(limit ? { limit: Number(limit) } : {}),
    ...(q.get('continue') ? { continue: q.get('continue') ?? '' } : {}),
  };
}

function includeObject(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject');
  if (v === null || v === '') return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw errors.badRequest(`includeObject: Unsupported value: ${JSON.stringify(v)}: supported values: "Metadata", "None", "Object"`);
}

function dryRun(q: URLSearchParams): boolean {
  const v = q.getAll('dryRun');
  if (v.some((x) => x !== 'All')) throw errors.badRequest(`dryRun: Unsupported value: ${JSON.stringify(v.join(','))}: supported values: "All"`);
  return v.length > 0;
}

function deleteOptions(q: URLSearchParams, body: unknown): DeleteOptions {
  const b = isRecord(body) ? body : {};
  const policy = q.get('propagationPolicy') ?? (typeof b.propagationPolicy === 'string' ? b.propagationPolicy : undefined);
  const orphan = q.get('orphanDependents') ?? (typeof b.orphanDependents === 'boolean' ? String(b.orphanDependents) : undefined);
  const resolved = policy ?? (orphan === 'true' ? 'Orphan' : undefined);
  if (resolved !== undefined && resolved !== 'Orphan' && resolved !== 'Background' && resolved !== 'Foreground') {
    throw errors.badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(resolved)}: supported values: "Foreground", "Background", "Orphan"`);
  }
  const pre = isRecord(b.preconditions) ? (b.preconditions as DeleteOptions['preconditions']) : undefined;
  const dry = dryRun(q) || (Array.isArray(b.dryRun) && b.dryRun.includes('All'));
  return { ...(resolved ? { propagationPolicy: resolved } : {}), ...(pre ? { preconditions: pre } : {}), dryRun: dry };
}

/** Requests on /api(s)/…/<plural>[/<name>[/<subresource>]]: CRUD, patch, watch, scale, status, eviction. */
export function handleResource(api: ClusterApi, request: ResourceRequest, req: IncomingMessage, res: ServerResponse): void {
  const { path, query: q, method } = request;
  const def = api.resource(path.group, path.version, path.plural);
  const contentType = mediaType(request.headers['content-type']);
  const r = { ...request, body: decodeRequestBody(method, def, request.raw, contentType) };
  if (path.namespace !== undefined && !def.namespaced) throw errors.notFoundPath(`${path.plural} is not namespaced`);
  const ns = def.namespaced ? path.namespace : undefined;
  const rep = negotiate(r.headers.accept);
  const now = api.clock.now();
  const isWatch = path.legacyWatch || q.get('watch') === 'true' || q.get('watch') === '1';
  const name = path.name;
  const sub = path.subresource;
  const verb = name === undefined ? { GET: isWatch ? 'watch' : 'list', POST: 'create', DELETE: 'deletecollection' }[method] : sub === undefined ? { GET: isWatch ? 'watch' : 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' }[method] : undefined;
  if (verb && !def.verbs.includes(verb)) throw errors.methodNotAllowed(method);

  if (name === undefined) {
    if (method === 'GET' && isWatch) return streamWatch(api, def, ns, q, rep, req, res);
    if (method === 'GET') {
      const result = api.list(def, ns, listOptions(q));
      return sendJson(res, 200, renderList(def, result.items, rep, now, includeObject(q), result));
    }
    if (method === 'POST') {
      requireBody(r.body);
      const created = api.create(def, ns, r.body, { dryRun: dryRun(q) });
      return sendJson(res, 201, renderObject(def, created, rep, now, includeObject(q)));
    }
    if (method === 'DELETE') {
      const deleted = api.deleteCollection(def, ns, listOptions(q), deleteOptions(q, r.body));
      return sendJson(res, 200, renderList(def, deleted, rep, now, includeObject(q), { resourceVersion: String(api.store.currentRevision) }));
    }
    throw errors.methodNotAllowed(method);
  }

  if (sub === undefined || sub === 'status') {
    if (method === 'GET' && isWatch) {
      q.set('fieldSelector', [q.get('fieldSelector'), `metadata.name=${name}`].filter(Boolean).join(','));
      return streamWatch(api, def, ns, q, rep, req, res);
    }
    if (method === 'GET') return sendJson(res, 200, renderObject(def, api.get(def, ns, name), rep, now, includeObject(q)));
    if (sub === 'status' && !def.statusSubresource) throw errors.notFoundPath(`${path.plural}/status`);
    const subresource = sub === 'status' ? ({ subresource: 'status' } as const) : {};
    if (method === 'PUT') {
      requireBody(r.body);
      return sendJson(res, 200, api.update(def, ns, name, r.body, { ...subresource, dryRun: dryRun(q) }));
    }
    if (method === 'PATCH') {
      const kind = patchKindFor(contentType);
      if (!kind) throw errors.unsupportedMediaType(PATCH_CONTENT_TYPES);
      requireBody(r.body);
      const before = api.tryGet(def, ns, name);
      const patched = api.patch(def, ns, name, kind, r.body, { ...subresource, dryRun: dryRun(q) });
      return sendJson(res, kind === 'apply' && !before ? 201 : 200, patched);
    }
    if (method === 'DELETE' && sub === undefined) {
      const opts = deleteOptions(q, r.body);
      const deleted = api.delete(def, ns, name, opts);
      return sendJson(res, deleted.metadata.deletionTimestamp && api.tryGet(def, ns, name) ? 202 : 200, deleted);
    }
    throw errors.methodNotAllowed(method);
  }

  if (sub === 'scale' && def.scale) {
    if (method === 'GET') return sendJson(res, 200, getScale(api, def, ns, name));
    if (method === 'PUT') return sendJson(res, 200, updateScale(api, def, ns, name, r.body, dryRun(q)));
    if (method === 'PATCH') {
      const kind = patchKindFor(contentType);
      if (!kind) throw errors.unsupportedMediaType(PATCH_CONTENT_TYPES);
      return sendJson(res, 200, patchScale(api, def, ns, name, kind, r.body, dryRun(q)));
    }
    throw errors.methodNotAllowed(method);
  }
  if (sub === 'eviction' && def.extraSubresources.includes('eviction')) {
    if (method !== 'POST') throw errors.methodNotAllowed(method);
    return sendJson(res, 201, evictPod(api, def, ns ?? 'default', name, r.body));
  }
  if (sub === 'finalize' && def.extraSubresources.includes('finalize')) {
    if (method !== 'PUT') throw errors.methodNotAllowed(method);
    return sendJson(res, 200, api.update(def, ns, name, r.body));
  }
  if (sub === 'log' && def.extraSubresources.includes('log') && method === 'GET') {
    return sendPodLog(api, def, ns, name, q, res);
  }
  throw errors.notFoundPath(`${path.plural}/${sub}`);
}

function requireBody(body: unknown): void {
  if (body === undefined) throw errors.badRequest('the request requires a body');
}

function sendPodLog(api: ClusterApi, def: ResourceDef, ns: string | undefined, name: string, q: URLSearchParams, res: ServerResponse): void {
  const pod = api.get(def, ns, name);
  const containers = isRecord(pod.spec) && Array.isArray(pod.spec.containers) ? (pod.spec.containers as Array<{ name?: string; image?: string }>) : [];
  const wanted = q.get('container') ?? containers[0]?.name;
  const container = containers.find((c) => c.name === wanted);
  if (!container) throw errors.badRequest(`container ${wanted ?? ''} is not valid for pod ${name}`);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(`devcluster: container ${container.name ?? ''} (image ${container.image ?? ''}) is simulated; it writes no logs\n`);
}
