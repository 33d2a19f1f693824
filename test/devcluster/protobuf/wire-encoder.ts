/**
 * A tiny protobuf writer for hand-built test bodies. Tests spell each field out by number, so they state the
 * wire form independently of the decoder's schema tables.
 */
export type Part = Uint8Array | number[];

export function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? byte : byte | 0x80);
  } while (v !== 0n);
  return out;
}

export function concat(...parts: Part[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) out.push(...part);
  return new Uint8Array(out);
}

/** Field `n` as a varint (int32, int64, bool, enum). */
export function int(n: number, value: number | bigint | boolean): number[] {
  return [...varint((n << 3) | 0), ...varint(typeof value === 'boolean' ? Number(value) : value)];
}

/** Field `n` as length-delimited bytes: a string, bytes, or an embedded message built from parts. */
export function bytes(n: number, ...content: Array<Part | string>): number[] {
  const body = concat(
    ...content.map((c) => (typeof c === 'string' ? [...new TextEncoder().encode(c)] : c)),
  );
  return [...varint((n << 3) | 2), ...varint(body.length), ...body];
}

export function fixed64(n: number, value: number): number[] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return [...varint((n << 3) | 1), ...new Uint8Array(view.buffer)];
}

export function fixed32(n: number, value: number): number[] {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, value, true);
  return [...varint((n << 3) | 5), ...new Uint8Array(view.buffer)];
}

/** A map<string, string> entry (or any map entry whose value is already encoded). */
export function mapEntry(n: number, key: string, value: Part | string): number[] {
  return bytes(n, bytes(1, key), typeof value === 'string' ? bytes(2, value) : value);
}

/** The full request body: "k8s\0" + runtime.Unknown{typeMeta, raw, contentEncoding?}. */
export function kubeBody(
  apiVersion: string,
  kind: string,
  raw: Part,
  contentEncoding = '',
): Uint8Array {
  return concat(
    [0x6b, 0x38, 0x73, 0x00],
    bytes(1, bytes(1, apiVersion), bytes(2, kind)),
    bytes(2, raw),
    bytes(3, contentEncoding),
    bytes(4, ''),
  );
}
