import { ProtobufDecodeError } from './protobuf-decode-error.js';

/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/#structure). */
export const WIRE = {
  varint: 0,
  fixed64: 1,
  bytes: 2,
  startGroup: 3,
  endGroup: 4,
  fixed32: 5,
} as const;

export interface Tag {
  field: number;
  wire: number;
}

const MAX_GROUP_DEPTH = 32;

/** A cursor over one message's bytes. Every read checks bounds and throws ProtobufDecodeError when short. */
export class WireReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  readTag(): Tag {
    const raw = this.readVarint();
    const field = Number(raw >> 3n);
    const wire = Number(raw & 7n);
    if (field < 1 || field > 0x1fffffff)
      throw new ProtobufDecodeError(`invalid protobuf field number ${field}`);
    return { field, wire };
  }

  /** An unsigned 64-bit varint; callers narrow it with BigInt.asIntN/asUintN. */
  readVarint(): bigint {
    let result = 0n;
    for (let i = 0; i < 10; i++) {
      const byte = this.next('varint');
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new ProtobufDecodeError('malformed protobuf varint (longer than 10 bytes)');
  }

  readBytes(): Uint8Array {
    const length = this.readVarint();
    if (length > BigInt(this.buf.length - this.pos)) throw truncated('length-delimited field');
    const start = this.pos;
    this.pos += Number(length);
    return this.buf.subarray(start, this.pos);
  }

  readFixed64(): DataView {
    return this.take(8, 'fixed64 field');
  }

  readFixed32(): DataView {
    return this.take(4, 'fixed32 field');
  }

  /** Skips a field this decoder does not know, as any protobuf reader must. */
  skip(tag: Tag, depth = 0): void {
    switch (tag.wire) {
      case WIRE.varint:
        this.readVarint();
        return;
      case WIRE.fixed64:
        this.readFixed64();
        return;
      case WIRE.bytes:
        this.readBytes();
        return;
      case WIRE.fixed32:
        this.readFixed32();
        return;
      case WIRE.startGroup:
        this.skipGroup(tag.field, depth);
        return;
      default:
        throw new ProtobufDecodeError(
          `unexpected protobuf wire type ${tag.wire} for field ${tag.field}`,
        );
    }
  }

  private skipGroup(field: number, depth: number): void {
    if (depth >= MAX_GROUP_DEPTH)
      throw new ProtobufDecodeError('protobuf groups nested too deeply');
    for (;;) {
      if (this.done) throw truncated('group');
      const tag = this.readTag();
      if (tag.wire === WIRE.endGroup) {
        if (tag.field !== field)
          throw new ProtobufDecodeError(
            `mismatched protobuf end group ${tag.field} (expected ${field})`,
          );
        return;
      }
      this.skip(tag, depth + 1);
    }
  }

  private take(n: number, what: string): DataView {
    if (this.buf.length - this.pos < n) throw truncated(what);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, n);
    this.pos += n;
    return view;
  }

  private next(what: string): number {
    const byte = this.buf[this.pos];
    if (byte === undefined) throw truncated(what);
    this.pos++;
    return byte;
  }
}

function truncated(what: string): ProtobufDecodeError {
  return new ProtobufDecodeError(`truncated protobuf body (in a ${what})`);
}
