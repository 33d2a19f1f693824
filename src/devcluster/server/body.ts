import type { IncomingMessage } from 'node:http';
import { parseAllDocuments } from 'yaml';
import { errors, KubeStatusError } from '../api/status-error.js';
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

const JSON_TYPES = new Set(['application/json', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json']);
const YAML_TYPES = new Set(['application/yaml', 'application/apply-patch+yaml', 'text/yaml', 'application/x-yaml']);

/** Decodes a JSON, YAML or Kubernetes-protobuf body; anything else (CBOR, form data) is a 415. */
export function decodeBody(raw: Buffer, contentType: string): unknown {
  const type = mediaType(contentType);
  const text = raw.toString('utf8');
  if (JSON_TYPES.has(type) || (type === '' && text.trimStart().startsWith('{'))) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw errors.badRequest(`error decoding JSON body: ${(e as Error).message}`);
    }
  }
  if (type === 'application/vnd.kubernetes.protobuf') {
    // kubectl's imperative `create <kind>` commands send protobuf bodies.
    try {
      return decodeKubeProtobuf(raw);
    } catch (e) {
      if (e instanceof ProtobufDecodeError) throw new KubeStatusError(e.status, e.reason, e.message);
      throw e;
    }
  }
  if (YAML_TYPES.has(type)) {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.length !== 1) throw errors.badRequest('the YAML body must hold exactly one document');
    const doc = docs[0];
    if (!doc || doc.errors.length) throw errors.badRequest(`error decoding YAML body: ${doc?.errors[0]?.message ?? 'empty document'}`);
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  }
  throw errors.unsupportedMediaType(type);
}

export function isStatusError(e: unknown): e is KubeStatusError {
  return e instanceof KubeStatusError;
}
