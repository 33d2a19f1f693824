import { decodeUtf8 } from './bytes-text.js';
import { decodeMessage } from './decode-message.js';
import { ProtobufDecodeError } from './protobuf-decode-error.js';
import { KIND_MESSAGES } from './schema-registry.js';
import { type Tag, WIRE, WireReader } from './wire-reader.js';

/** Every Kubernetes protobuf body starts with these four bytes ("k8s\0"). */
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

export function supportsProtobufKind(apiVersion: string, kind: string): boolean {
  return Object.hasOwn(KIND_MESSAGES, `${apiVersion}/${kind}`);
}

/**
 * Decodes a Kubernetes protobuf request body (magic "k8s\0" + runtime.Unknown envelope) into plain JSON (as
 * the API's JSON form would be), or throws ProtobufDecodeError.
 * Envelope: https://kubernetes.io/docs/reference/using-api/api-concepts/#protobuf-encoding
 */
export function decodeKubeProtobuf(body: Uint8Array): Record<string, unknown> {
  if (body.length < MAGIC.length || MAGIC.some((byte, i) => body[i] !== byte)) {
    throw new ProtobufDecodeError(
      'not a Kubernetes protobuf body: it does not start with "k8s\\0"',
    );
  }
  const envelope = parseUnknown(body.subarray(MAGIC.length));
  if (envelope.contentEncoding !== '') {
    throw new ProtobufDecodeError(
      `protobuf contentEncoding ${JSON.stringify(envelope.contentEncoding)} is not supported`,
    );
  }
  const { apiVersion, kind } = envelope;
  if (!kind) throw new ProtobufDecodeError('protobuf body has no kind in its typeMeta');
  const message = Object.hasOwn(KIND_MESSAGES, `${apiVersion}/${kind}`)
    ? KIND_MESSAGES[`${apiVersion}/${kind}`]
    : undefined;
  if (!message) {
    throw new ProtobufDecodeError(
      `protobuf is not supported for ${apiVersion}/${kind}; send application/json`,
      415,
    );
  }
  return { apiVersion, kind, ...decodeMessage(envelope.raw, message) };
}

interface Unknown {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
}

/** runtime.Unknown: 1 typeMeta {1 apiVersion, 2 kind}, 2 raw, 3 contentEncoding, 4 contentType. */
function parseUnknown(bytes: Uint8Array): Unknown {
  const out: Unknown = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '' };
  const reader = new WireReader(bytes);
  while (!reader.done) {
    const tag = reader.readTag();
    if (tag.field === 1) {
      const typeMeta = new WireReader(envelopeBytes(reader, tag, 'typeMeta'));
      while (!typeMeta.done) {
        const inner = typeMeta.readTag();
        if (inner.field === 1)
          out.apiVersion = decodeUtf8(envelopeBytes(typeMeta, inner, 'apiVersion'));
        else if (inner.field === 2) out.kind = decodeUtf8(envelopeBytes(typeMeta, inner, 'kind'));
        else typeMeta.skip(inner);
      }
    } else if (tag.field === 2) out.raw = envelopeBytes(reader, tag, 'raw');
    else if (tag.field === 3)
      out.contentEncoding = decodeUtf8(envelopeBytes(reader, tag, 'contentEncoding'));
    else reader.skip(tag);
  }
  return out;
}

function envelopeBytes(reader: WireReader, tag: Tag, name: string): Uint8Array {
  if (tag.wire !== WIRE.bytes)
    throw new ProtobufDecodeError(
      `runtime.Unknown ${name} has wire type ${tag.wire}, expected ${WIRE.bytes}`,
    );
  return reader.readBytes();
}
