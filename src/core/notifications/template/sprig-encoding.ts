import { fn, type FunctionTable } from './function.js';
import { marshalJson } from './json.js';
import { sha256Hex } from './sha256.js';

const encoder = new TextEncoder();

/** sprig's encoding functions: base64, sha256, JSON. Errors come back as text, as sprig does. */
export const SPRIG_ENCODING: FunctionTable = {
  b64enc: fn(['string'], ([a]) => toBase64(encoder.encode(a as string))),
  b64dec: fn(['string'], ([a]) => fromBase64(a as string)),
  sha256sum: fn(['string'], ([a]) => sha256Hex(encoder.encode(a as string))),
  toJson: fn(['any'], ([v]) => marshalJson(v)),
  toPrettyJson: fn(['any'], ([v]) => marshalJson(v, { indent: '  ' })),
  toRawJson: fn(['any'], ([v]) => marshalJson(v, { raw: true })),
  fromJson: fn(['string'], ([a]) => parseJson(a as string)),
};

function toBase64(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    const bad = text.search(/[^A-Za-z0-9+/=]/);
    return `illegal base64 data at input byte ${bad < 0 ? text.length : bad}`;
  }
  const binary = atob(text);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** JSON numbers decode to float64 as Go's decoder gives them; a parse error gives nil. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
