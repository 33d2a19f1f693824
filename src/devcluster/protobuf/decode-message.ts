import { decodeUtf8, encodeBase64 } from './bytes-text.js';
import { type FieldSpec, isScalarType, isSpecialType, type ScalarType } from './field-spec.js';
import { ProtobufDecodeError } from './protobuf-decode-error.js';
import { messageFields } from './schema-registry.js';
import { decodeSpecial } from './special-types.js';
import { type Tag, WIRE, WireReader } from './wire-reader.js';

type Json = Record<string, unknown>;

/** Far deeper than any Kubernetes object nests; bounds recursion on hostile input. */
const MAX_DEPTH = 64;

/**
 * Decodes one message into its JSON form, following the schema tables. Fields the tables do not list are
 * skipped. A singular message field seen twice is merged, as protobuf specifies; a scalar seen twice keeps the
 * last value.
 */
export function decodeMessage(
  bytes: Uint8Array,
  message: string,
  depth = 0,
  into: Json = {},
): Json {
  if (depth > MAX_DEPTH) throw new ProtobufDecodeError('protobuf messages nested too deeply');
  const fields = messageFields(message);
  const reader = new WireReader(bytes);
  while (!reader.done) {
    const tag = reader.readTag();
    const spec = fields.get(tag.field);
    if (spec) decodeField(reader, tag, spec, message, depth, into);
    else reader.skip(tag);
  }
  return into;
}

function decodeField(
  reader: WireReader,
  tag: Tag,
  spec: FieldSpec,
  message: string,
  depth: number,
  into: Json,
): void {
  if (spec.inline) {
    decodeMessage(expectWire(reader, tag, WIRE.bytes, spec, message), spec.type, depth + 1, into);
    return;
  }
  if (spec.map) {
    const [key, value] = decodeMapEntry(
      expectWire(reader, tag, WIRE.bytes, spec, message),
      spec,
      message,
      depth,
    );
    const map = (into[spec.json] ??= {}) as Json;
    // defineProperty, not assignment: a "__proto__" key must stay an ordinary key.
    Object.defineProperty(map, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return;
  }
  if (spec.repeated) {
    const list = (into[spec.json] ??= []) as unknown[];
    if (tag.wire === WIRE.bytes && isPackedNumeric(spec.type)) {
      const packed = new WireReader(reader.readBytes());
      while (!packed.done) list.push(readScalar(packed, spec.type, message, spec));
    } else {
      list.push(decodeValue(reader, tag, spec, message, depth) ?? null);
    }
    return;
  }
  if (!isScalarType(spec.type) && !isSpecialType(spec.type)) {
    const existing = into[spec.json];
    const target =
      typeof existing === 'object' && existing !== null && !Array.isArray(existing)
        ? (existing as Json)
        : {};
    into[spec.json] = decodeMessage(
      expectWire(reader, tag, WIRE.bytes, spec, message),
      spec.type,
      depth + 1,
      target,
    );
    return;
  }
  const value = decodeValue(reader, tag, spec, message, depth);
  if (value === undefined || (!spec.keepZero && isScalarType(spec.type) && isZeroScalar(value)))
    delete into[spec.json];
  else into[spec.json] = value;
}

function decodeValue(
  reader: WireReader,
  tag: Tag,
  spec: FieldSpec,
  message: string,
  depth: number,
): unknown {
  const { type } = spec;
  if (isScalarType(type)) {
    expectWireType(tag, SCALAR_WIRE[type], spec, message);
    return readScalar(reader, type, message, spec);
  }
  const bytes = expectWire(reader, tag, WIRE.bytes, spec, message);
  if (isSpecialType(type)) return decodeSpecial(type, bytes);
  return decodeMessage(bytes, type, depth + 1);
}

/** A map entry is a message {1: key, 2: value}; a missing part is its type's zero value. */
function decodeMapEntry(
  bytes: Uint8Array,
  spec: FieldSpec,
  message: string,
  depth: number,
): [string, unknown] {
  const reader = new WireReader(bytes);
  const valueSpec: FieldSpec = { ...spec, json: `${spec.json} value`, map: false };
  let key = '';
  let value: unknown;
  while (!reader.done) {
    const tag = reader.readTag();
    if (tag.field === 1)
      key = decodeUtf8(
        expectWire(reader, tag, WIRE.bytes, { ...spec, json: `${spec.json} key` }, message),
      );
    else if (tag.field === 2) value = decodeValue(reader, tag, valueSpec, message, depth);
    else reader.skip(tag);
  }
  return [key, value === undefined ? zeroValue(spec.type, depth) : value];
}

function zeroValue(type: string, depth: number): unknown {
  if (type === 'int32' || type === 'int64' || type === 'double') return 0;
  if (type === 'bool') return false;
  if (type === 'string' || type === 'bytes') return '';
  if (isSpecialType(type)) return decodeSpecial(type, new Uint8Array(0)) ?? null;
  return decodeMessage(new Uint8Array(0), type, depth + 1);
}

const SCALAR_WIRE: Record<ScalarType, number> = {
  string: WIRE.bytes,
  bytes: WIRE.bytes,
  int32: WIRE.varint,
  int64: WIRE.varint,
  bool: WIRE.varint,
  double: WIRE.fixed64,
};

/** Repeated numeric fields may arrive packed into one length-delimited field; parsers must accept both. */
function isPackedNumeric(type: string): type is 'int32' | 'int64' | 'bool' | 'double' {
  return type === 'int32' || type === 'int64' || type === 'bool' || type === 'double';
}

function readScalar(
  reader: WireReader,
  type: ScalarType,
  message: string,
  spec: FieldSpec,
): unknown {
  switch (type) {
    case 'string':
      return decodeUtf8(reader.readBytes());
    case 'bytes':
      return encodeBase64(reader.readBytes());
    case 'int32':
      return Number(BigInt.asIntN(32, reader.readVarint()));
    case 'int64':
      return Number(BigInt.asIntN(64, reader.readVarint()));
    case 'bool':
      return reader.readVarint() !== 0n;
    case 'double': {
      const value = reader.readFixed64().getFloat64(0, true);
      if (!Number.isFinite(value))
        throw new ProtobufDecodeError(`non-finite number in ${message}.${spec.json}`);
      return value;
    }
  }
}

function expectWire(
  reader: WireReader,
  tag: Tag,
  wire: number,
  spec: FieldSpec,
  message: string,
): Uint8Array {
  expectWireType(tag, wire, spec, message);
  return reader.readBytes();
}

function expectWireType(tag: Tag, wire: number, spec: FieldSpec, message: string): void {
  if (tag.wire !== wire) {
    throw new ProtobufDecodeError(
      `${message}.${spec.json || spec.type} (field ${tag.field}) has wire type ${tag.wire}, expected ${wire}`,
    );
  }
}

function isZeroScalar(value: unknown): boolean {
  return value === '' || value === 0 || value === false;
}
