/**
 * The schema tables describe each Kubernetes protobuf message as `field number → spec string`, with the field
 * numbers from the `generated.proto` files of k8s.io/api and k8s.io/apimachinery. A spec string reads:
 *
 *   'name:type'        a singular field, JSON key `name`
 *   'name:type[]'      a repeated field
 *   'name:map<type>'   a map with string keys (the wire form is repeated {1: key, 2: value} entries)
 *   '...Message'       an embedded struct whose fields Go's JSON inlines into the parent (`json:",inline"`)
 *   a trailing '!'     the JSON form keeps a zero value (a Go pointer, or a field without omitempty)
 *
 * Types are the scalars below, the apimachinery specials, or another message's name.
 *
 * Why '!': Go's protobuf marshaller writes every non-pointer scalar, zero or not, so a zero on the wire does
 * not mean the client set it. The JSON form (what kubectl would have sent as JSON) drops zero values of
 * omitempty fields and keeps them for pointers, so that is what the decoder does too.
 */
export const SCALAR_TYPES = ['string', 'int32', 'int64', 'bool', 'bytes', 'double'] as const;
export const SPECIAL_TYPES = [
  'IntOrString',
  'Quantity',
  'Time',
  'MicroTime',
  'Duration',
  'FieldsV1',
] as const;

export type ScalarType = (typeof SCALAR_TYPES)[number];
export type SpecialType = (typeof SPECIAL_TYPES)[number];

export interface FieldSpec {
  /** JSON key; empty for an inlined struct. */
  json: string;
  /** A scalar, a special, or a message name. */
  type: string;
  repeated: boolean;
  map: boolean;
  inline: boolean;
  keepZero: boolean;
}

export type MessageTable = Record<string, Record<number, string>>;

const SPEC = /^(?:\.\.\.(\w+)|(\w+):(?:map<(\w+)>|(\w+)(\[\])?)(!)?)$/;

export function parseFieldSpec(text: string): FieldSpec {
  const m = SPEC.exec(text);
  if (!m) throw new Error(`bad protobuf field spec ${JSON.stringify(text)}`);
  const [, inlineType, json, mapType, type, repeated, keep] = m;
  if (inlineType)
    return {
      json: '',
      type: inlineType,
      repeated: false,
      map: false,
      inline: true,
      keepZero: false,
    };
  return {
    json: json ?? '',
    type: mapType ?? type ?? '',
    repeated: repeated !== undefined,
    map: mapType !== undefined,
    inline: false,
    keepZero: keep !== undefined,
  };
}

export function isScalarType(type: string): type is ScalarType {
  return (SCALAR_TYPES as readonly string[]).includes(type);
}

export function isSpecialType(type: string): type is SpecialType {
  return (SPECIAL_TYPES as readonly string[]).includes(type);
}
