import type { IncomingMessage } from 'node:http';
import { parseAllDocuments } from 'yaml';
import { PATCH_CONTENT_TYPES } from '../api/apply-patch.js';
import {
  isStackOverflow,
  jsonTextTooDeepAt,
  MAX_YAML_NESTING_DEPTH,
  tooDeepError,
  valueTooDeep,
  yamlTextTooDeep,
} from '../api/nesting.js';
import type { ResourceDef } from '../api/resource-def.js';
import { errors, KubeStatusError } from '../api/status-error.js';
import { type JsonKeyScan, scanJsonKeys, scanYamlKeys } from '../field-validation/index.js';
import { decodeKubeProtobuf, ProtobufDecodeError } from '../protobuf/index.js';

/** The API server's request size limit (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw errors.tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      req.resume();
      throw errors.tooLarge(limit);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

const JSON_TYPES = new Set([
  'application/json',
  'application/merge-patch+json',
  'application/json-patch+json',
  'application/strategic-merge-patch+json',
]);
const YAML_TYPES = new Set(['application/yaml', 'application/apply-patch+yaml']);
const PROTOBUF = 'application/vnd.kubernetes.protobuf';
/** What the API server decodes on create and update; its 415 lists them. */
export const WRITE_BODY_TYPES: readonly string[] = [
  'application/json',
  'application/yaml',
  PROTOBUF,
];

/**
 * The body of a resource request, by verb. Writes need a content type their verb accepts (415
 * otherwise, listing them, as the API server answers). The API server reads a missing type as
 * JSON; the devcluster refuses it on POST/PUT/PATCH: a web page can send a body with no type (or
 * text/plain, or form data) cross-origin without a CORS preflight, so this is its CSRF defence.
 */
export function decodeRequestBody(
  method: string,
  def: ResourceDef,
  raw: Buffer,
  header: string | undefined,
): unknown {
  const type = mediaType(header);
  if (method === 'PATCH') {
    const accepted = def.crd
      ? PATCH_CONTENT_TYPES.filter((t) => !t.includes('strategic'))
      : PATCH_CONTENT_TYPES;
    if (!accepted.includes(type)) throw errors.unsupportedMediaType(accepted);
    return raw.length ? decodeBody(raw, type) : undefined;
  }
  if (method === 'POST' || method === 'PUT') {
    if (!WRITE_BODY_TYPES.includes(type)) throw errors.unsupportedMediaType(WRITE_BODY_TYPES);
    return raw.length ? decodeBody(raw, type, def.kind) : undefined;
  }
  // DELETE may carry DeleteOptions.
  return raw.length ? decodeBody(raw, type || 'application/json') : undefined;
}

/**
 * Decodes a JSON, YAML or Kubernetes-protobuf body of media type `type`; anything else (CBOR, form
 * data, text) is a 415. Nesting past MAX_NESTING_DEPTH is a 400 before anything recursive runs;
 * `kind` (create and update) words it as the API server does for a body it cannot decode.
 */
export function decodeBody(raw: Buffer, type: string, kind?: string): unknown {
  const text = raw.toString('utf8');
  if (JSON_TYPES.has(type)) {
    const at = jsonTextTooDeepAt(text);
    if (at >= 0) throw tooDeepError(kind, text[at]);
    try {
      return JSON.parse(text);
    } catch (e) {
      throw errors.badRequest(`error decoding JSON body: ${(e as Error).message}`);
    }
  }
  if (type === PROTOBUF) return checkDepth(decodeProtobuf(raw), kind);
  if (YAML_TYPES.has(type)) {
    // JSON is YAML, and what kubectl sends as an apply patch: read it as JSON when it parses.
    if (/^\s*[[{]/.test(text)) {
      const at = jsonTextTooDeepAt(text);
      if (at >= 0) throw tooDeepError(kind, text[at]);
      const json = tryJson(text);
      if (json) return json.value;
    }
    return checkDepth(decodeYaml(text, kind), kind);
  }
  throw errors.unsupportedMediaType(WRITE_BODY_TYPES);
}

function checkDepth(value: unknown, kind: string | undefined): unknown {
  if (valueTooDeep(value)) throw tooDeepError(kind);
  return value;
}

function decodeProtobuf(raw: Buffer): unknown {
  // kubectl's imperative `create <kind>` commands send protobuf bodies.
  try {
    return decodeKubeProtobuf(raw);
  } catch (e) {
    if (e instanceof ProtobufDecodeError) throw new KubeStatusError(e.status, e.reason, e.message);
    throw e;
  }
}

function tryJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function decodeYaml(text: string, kind: string | undefined): unknown {
  if (yamlTextTooDeep(text)) throw tooDeepError(kind, '{', MAX_YAML_NESTING_DEPTH);
  // Should the parser still overflow, it reports that as a document error or throws it from toJS.
  try {
    // Repeated keys decode (the last wins); field validation reports them, as Go's decoder does.
    const docs = parseAllDocuments(text, { uniqueKeys: false });
    if (!Array.isArray(docs) || docs.length !== 1)
      throw errors.badRequest('the YAML body must hold exactly one document');
    const doc = docs[0];
    if (!doc || doc.errors.length) {
      if (doc?.errors.some((err) => /call stack/i.test(err.message))) throw tooDeepError(kind);
      throw errors.badRequest(
        `error decoding YAML body: ${doc?.errors[0]?.message ?? 'empty document'}`,
      );
    }
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    if (isStackOverflow(e)) throw tooDeepError(kind);
    throw e;
  }
}

/**
 * The keys a write body repeats, by its media type: JSON bodies by path; YAML bodies (and JSON
 * sent as YAML, as kubectl sends apply patches) with the line Go's YAML decoder names. None for
 * protobuf. The body has already decoded.
 */
export function repeatedKeysOf(raw: Buffer, type: string): JsonKeyScan | undefined {
  const text = JSON_TYPES.has(type) || YAML_TYPES.has(type) ? raw.toString('utf8') : undefined;
  if (text === undefined || !text.trim()) return undefined;
  if (JSON_TYPES.has(type)) return scanJsonKeys(text);
  return /^\s*[[{]/.test(text) && tryJson(text) ? scanJsonKeys(text, true) : scanYamlKeys(text);
}

export function isStatusError(e: unknown): e is KubeStatusError {
  return e instanceof KubeStatusError;
}
