import { decodeUtf8 } from './bytes-text.js';
import type { SpecialType } from './field-spec.js';
import { formatGoDuration } from '../../domain/go-duration.js';
import { ProtobufDecodeError } from './protobuf-decode-error.js';
import { WIRE, WireReader } from './wire-reader.js';

/** Seconds of Go's zero time.Time (0001-01-01T00:00:00Z), which metav1.Time treats as unset. */
const GO_ZERO_TIME_SECONDS = -62135596800n;

/**
 * Decodes the apimachinery types whose JSON form is not their protobuf shape. `undefined` means the field is
 * left out of the JSON (a zero Time, which Go writes as `null`).
 */
export function decodeSpecial(type: SpecialType, bytes: Uint8Array): unknown {
  const fields = scanFields(bytes, type);
  switch (type) {
    case 'IntOrString':
      // intstr: type 0 = Int (intVal, field 2), 1 = String (strVal, field 3).
      return asInt(fields.get(1), 64) === 1 ? asString(fields.get(3)) : asInt(fields.get(2), 32);
    case 'Quantity':
      return fields.has(1) ? asString(fields.get(1)) : '0';
    case 'Time':
      return bytes.length === 0 ? undefined : formatTime(fields, false);
    case 'MicroTime':
      return bytes.length === 0 ? undefined : formatTime(fields, true);
    case 'Duration':
      return formatGoDuration(BigInt.asIntN(64, asVarint(fields.get(1))));
    case 'FieldsV1':
      return parseFieldsV1(fields.get(1));
  }
}

type Raw = bigint | Uint8Array;

/** The wire type of each field these messages define (apimachinery generated.proto files). */
const LAYOUT: Record<SpecialType, Record<number, number>> = {
  IntOrString: { 1: WIRE.varint, 2: WIRE.varint, 3: WIRE.bytes },
  Quantity: { 1: WIRE.bytes },
  Time: { 1: WIRE.varint, 2: WIRE.varint },
  MicroTime: { 1: WIRE.varint, 2: WIRE.varint },
  Duration: { 1: WIRE.varint },
  FieldsV1: { 1: WIRE.bytes },
};

/** The last value of each known field (proto2: last one wins); unknown fields are skipped. */
function scanFields(bytes: Uint8Array, type: SpecialType): Map<number, Raw> {
  const layout = LAYOUT[type];
  const out = new Map<number, Raw>();
  const reader = new WireReader(bytes);
  while (!reader.done) {
    const tag = reader.readTag();
    const expected = layout[tag.field];
    if (expected === undefined) {
      reader.skip(tag);
      continue;
    }
    if (tag.wire !== expected)
      throw new ProtobufDecodeError(
        `${type} field ${tag.field} has wire type ${tag.wire}, expected ${expected}`,
      );
    out.set(tag.field, expected === WIRE.bytes ? reader.readBytes() : reader.readVarint());
  }
  return out;
}

function asVarint(raw: Raw | undefined): bigint {
  return typeof raw === 'bigint' ? raw : 0n;
}

function asInt(raw: Raw | undefined, bits: 32 | 64): number {
  return Number(BigInt.asIntN(bits, asVarint(raw)));
}

function asString(raw: Raw | undefined): string {
  return raw instanceof Uint8Array ? decodeUtf8(raw) : '';
}

/** metav1.Time is RFC 3339 in whole seconds (its protobuf Unmarshal drops nanos); MicroTime keeps microseconds. */
function formatTime(fields: Map<number, Raw>, micro: boolean): string | undefined {
  const seconds = BigInt.asIntN(64, asVarint(fields.get(1)));
  const nanos = asInt(fields.get(2), 32);
  if (seconds === GO_ZERO_TIME_SECONDS && (nanos === 0 || !micro)) return undefined;
  if (nanos < 0 || nanos > 999_999_999)
    throw new ProtobufDecodeError(`timestamp nanos ${nanos} out of range`);
  // Go's JSON encoding of time.Time only accepts years 0..9999, like RFC 3339.
  if (seconds < -62167219200n || seconds > 253402300799n)
    throw new ProtobufDecodeError(`timestamp ${seconds}s out of range`);
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return micro ? `${whole}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${whole}Z`;
}

function parseFieldsV1(raw: Raw | undefined): unknown {
  if (!(raw instanceof Uint8Array) || raw.length === 0) return null;
  try {
    return JSON.parse(decodeUtf8(raw)) as unknown;
  } catch {
    throw new ProtobufDecodeError('managedFields fieldsV1 is not valid JSON');
  }
}
