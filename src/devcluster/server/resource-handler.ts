import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterApi } from '../api/cluster-api.js';
import { PATCH_CONTENT_TYPES, patchKindFor } from '../api/apply-patch.js';
import { isRecord } from '../api/object-meta.js';
import { apiVersionOf, type ResourceDef } from '../api/resource-def.js';
import { answerReview } from '../api/reviews.js';
import { errors } from '../api/status-error.js';
import { evictPod, getScale, patchScale, updateScale } from '../api/subresources.js';
import { managerFromUserAgent } from '../fields/track-write.js';
import type { ApiPath } from './api-path.js';
import { decodeRequestBody, mediaType, repeatedKeysOf } from './body.js';
import { sendJson } from './send-json.js';
import { negotiate } from './negotiate.js';
import { renderList, renderObject } from './render.js';
import {
  parseDeleteOptions,
  parseIncludeObject,
  parseListOptions,
  parsePatchOptions,
  parseWriteOptions,
  type WriteOptions,
} from './request-options.js';
import { parsePodLogOptions } from './pod-log-options.js';
import { streamWatch } from './watch-stream.js';
import type { JsonKeyScan } from '../field-validation/index.js';

export interface ResourceRequest {
  method: string;
  path: Extract<ApiPath, { type: 'resource' }>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body (empty for reads); decoded here, once the resource and verb are known. */
  raw: Buffer;
}

/** Requests on /api(s)/…/<plural>[/<name>[/<subresource>]]: CRUD, patch, watch, scale, status, eviction. */
export function handleResource(
  api: ClusterApi,
  request: ResourceRequest,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const { path, query: q, method } = request;
  const def = api.resource(path.group, path.version, path.plural);
  const contentType = mediaType(request.headers['content-type']);
  const r = { ...request, body: decodeRequestBody(method, def, request.raw, contentType) };
  if (path.namespace !== undefined && !def.namespaced)
    throw errors.notFoundPath(`${path.plural} is not namespaced`);
  const ns = def.namespaced ? path.namespace : undefined;
  const rep = negotiate(r.headers.accept);
  const now = api.clock.now();
  const name = path.name;
  const sub = path.subresource;
  /** 299 warnings of this request's write (unknown fields under fieldValidation=Warn). */
  const warnings: string[] = [];
  const warned = (): Record<string, string[]> => (warnings.length > 0 ? { Warning: warnings } : {});
  /**
   * A write's field manager (the request's, else its client's user agent, as the API server
   * does) and its field validation (Warn when not asked for, the API server's default).
   */
  const owned = <T extends WriteOptions>(opts: T, bodyKeys?: JsonKeyScan) => ({
    ...opts,
    fieldManager: opts.fieldManager ?? managerFromUserAgent(r.headers['user-agent']),
    fieldValidation: {
      mode: opts.fieldValidation ?? 'Warn',
      warnings,
      ...(bodyKeys ? { bodyKeys } : {}),
    },
  });
  /** A write body's keys, for the ones it repeats (decoding keeps the last silently). */
  const keysOfBody = () => repeatedKeysOf(r.raw, contentType);
  // A GET on one object is a get whatever `watch` says; only /watch/… paths watch one object.
  const listOpts =
    method === 'GET' && (name === undefined || path.legacyWatch) ? parseListOptions(q) : undefined;
  const isWatch = path.legacyWatch || listOpts?.watch === true;
  const verb =
    name === undefined
      ? { GET: isWatch ? 'watch' : 'list', POST: 'create', DELETE: 'deletecollection' }[method]
      : sub === undefined
        ? { GET: isWatch ? 'watch' : 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' }[
            method
          ]
        : undefined;
  if (verb && !def.verbs.includes(verb)) throw errors.methodNotAllowed(method);
  /** TableOptions are read only when a Table is what the client gets. */
  const include = () => (rep.as === 'Table' ? parseIncludeObject(q) : 'Metadata');

  if (listOpts && isWatch) {
    const opts =
      name === undefined
        ? listOpts
        : {
            ...listOpts,
            fieldSelector: [listOpts.fieldSelector, `metadata.name=${name}`]
              .filter(Boolean)
              .join(','),
          };
    return streamWatch(api, def, ns, opts, rep, include(), req, res);
  }
  if (name === undefined) {
    if (method === 'GET' && listOpts) {
      const result = api.list(def, ns, listOpts);
      return sendJson(res, 200, renderList(def, result.items, rep, now, include(), result));
    }
    if (method === 'POST') {
      const opts = parseWriteOptions(q, 'CreateOptions');
      requireBody(r.body);
      if (def.review)
        return sendJson(res, 201, answerReview(def.review, apiVersionOf(def), r.body, now));
      const created = api.create(def, ns, r.body, owned(opts, keysOfBody()));
      return sendJson(res, 201, renderObject(def, created, rep, now, include()), warned());
    }
    if (method === 'DELETE') {
      const deleted = api.deleteCollection(
        def,
        ns,
        parseListOptions(q),
        parseDeleteOptions(q, r.body),
      );
      return sendJson(
        res,
        200,
        renderList(def, deleted, rep, now, include(), {
          resourceVersion: String(api.store.currentRevision),
        }),
      );
    }
    throw errors.methodNotAllowed(method);
  }

  if (sub === undefined || sub === 'status') {
    if (method === 'GET')
      return sendJson(res, 200, renderObject(def, api.get(def, ns, name), rep, now, include()));
    if (sub === 'status' && !def.statusSubresource)
      throw errors.notFoundPath(`${path.plural}/status`);
    const subresource = sub === 'status' ? ({ subresource: 'status' } as const) : {};
    if (method === 'PUT') {
      const opts = parseWriteOptions(q, 'UpdateOptions');
      requireBody(r.body);
      const updated = api.update(def, ns, name, r.body, {
        ...subresource,
        ...owned(opts, keysOfBody()),
      });
      return sendJson(res, 200, updated, warned());
    }
    if (method === 'PATCH') {
      const kind = patchKindFor(contentType);
      if (!kind) throw errors.unsupportedMediaType(PATCH_CONTENT_TYPES);
      const opts = parsePatchOptions(q, kind);
      requireBody(r.body);
      const before = api.tryGet(def, ns, name);
      const patched = api.patch(def, ns, name, kind, r.body, {
        ...subresource,
        ...owned(opts, keysOfBody()),
      });
      return sendJson(res, kind === 'apply' && !before ? 201 : 200, patched, warned());
    }
    if (method === 'DELETE' && sub === undefined) {
      const opts = parseDeleteOptions(q, r.body);
      const deleted = api.delete(def, ns, name, opts);
      return sendJson(
        res,
        deleted.metadata.deletionTimestamp && api.tryGet(def, ns, name) ? 202 : 200,
        deleted,
      );
    }
    throw errors.methodNotAllowed(method);
  }

  if (sub === 'scale' && def.scale) {
    if (method === 'GET') return sendJson(res, 200, getScale(api, def, ns, name));
    if (method === 'PUT')
      return sendJson(
        res,
        200,
        updateScale(api, def, ns, name, r.body, parseWriteOptions(q, 'UpdateOptions').dryRun),
      );
    if (method === 'PATCH') {
      const kind = patchKindFor(contentType);
      if (!kind) throw errors.unsupportedMediaType(PATCH_CONTENT_TYPES);
      return sendJson(
        res,
        200,
        patchScale(api, def, ns, name, kind, r.body, parsePatchOptions(q, kind).dryRun),
      );
    }
    throw errors.methodNotAllowed(method);
  }
  if (sub === 'eviction' && def.extraSubresources.includes('eviction')) {
    if (method !== 'POST') throw errors.methodNotAllowed(method);
    parseWriteOptions(q, 'CreateOptions'); // validated; a dry-run eviction is not simulated
    return sendJson(res, 201, evictPod(api, def, ns ?? 'default', name, r.body));
  }
  if (sub === 'finalize' && def.extraSubresources.includes('finalize')) {
    if (method !== 'PUT') throw errors.methodNotAllowed(method);
    return sendJson(
      res,
      200,
      api.update(def, ns, name, r.body, { dryRun: parseWriteOptions(q, 'UpdateOptions').dryRun }),
    );
  }
  if (sub === 'log' && def.extraSubresources.includes('log') && method === 'GET') {
    return sendPodLog(api, def, ns, name, q, res);
  }
  throw errors.notFoundPath(`${path.plural}/${sub}`);
}

function requireBody(body: unknown): void {
  if (body === undefined) throw errors.badRequest('the request requires a body');
}

function sendPodLog(
  api: ClusterApi,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  q: URLSearchParams,
  res: ServerResponse,
): void {
  const opts = parsePodLogOptions(q, name);
  const pod = api.get(def, ns, name);
  const containers =
    isRecord(pod.spec) && Array.isArray(pod.spec.containers)
      ? (pod.spec.containers as Array<{ name?: string; image?: string }>)
      : [];
  const wanted = opts.container ?? containers[0]?.name;
  const container = containers.find((c) => c.name === wanted);
  if (!container) throw errors.badRequest(`container ${wanted ?? ''} is not valid for pod ${name}`);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(
    `devcluster: container ${container.name ?? ''} (image ${container.image ?? ''}) is simulated; it writes no logs\n`,
  );
}
