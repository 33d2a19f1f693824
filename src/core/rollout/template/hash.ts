import type { PodTemplateSpec } from '../../../domain/index.js';
import { canonicalJson } from './canonical-json.js';

/** FNV-1a 32-bit offset basis: the hash of zero bytes. */
export const FNV32_OFFSET_BASIS = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/**
 * FNV-1a 32-bit over `bytes`. `seed` continues an earlier hash (the state after its bytes), so
 * `fnv1a32(b, fnv1a32(a))` equals the hash of `a` followed by `b`.
 */
export function fnv1a32(bytes: Uint8Array, seed: number = FNV32_OFFSET_BASIS): number {
  let h = seed >>> 0;
  for (const b of bytes) h = Math.imul(h ^ b, FNV32_PRIME) >>> 0;
  return h;
}

/** The k8s SafeEncodeString alphabet: no vowels, no 0/1/3, so encoded hashes never spell words. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Maps each character (code point) c to `SAFE_ALPHABET[c % 27]`; digits 0–9 become `4 5 6 7 8 9 b c d f`. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHABET[(ch.codePointAt(0) ?? 0) % SAFE_ALPHABET.length] ?? '';
  return out;
}

const utf8 = new TextEncoder();

function encodeHash(h: number): string {
  return safeEncodeString(String(h >>> 0));
}

/**
 * Our own pod template hash (spec §8.8 allows one, since matching falls back to semantic comparison):
 * FNV-1a 32 over the canonical JSON of the template (keys sorted, undefined/null members dropped —
 * so `metadata.creationTimestamp: null` does not count), then, when `collisionCount` is set, 8 more
 * bytes (uint32 little-endian collisionCount + 4 zero bytes) as upstream does; the decimal string of
 * the result is safe-encoded (≤ 10 characters). Hash the template as written by the user, before the
 * hash label, ephemeral metadata or anti-affinity are injected.
 */
export function computePodTemplateHash(
  template: PodTemplateSpec,
  collisionCount?: number | null,
): string {
  let h = fnv1a32(utf8.encode(canonicalJson(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv1a32(extra, h);
  }
  return encodeHash(h);
}

/**
 * Hash of the canary steps (spec §8.8: same FNV-32a + safe-encode, over the steps' JSON).
 * `undefined`, `null` and `[]` all hash the text `null`: upstream marshals a nil slice as `null`, and
 * its JSON round-trip of the rollout (§8.1 step 1) turns an empty `steps: []` into nil through
 * `omitempty`, so a rollout without steps has one steps hash whichever way it is written.
 */
export function computeStepsHash(steps: unknown): string {
  const none =
    steps === undefined || steps === null || (Array.isArray(steps) && steps.length === 0);
  return encodeHash(fnv1a32(utf8.encode(none ? 'null' : canonicalJson(steps))));
}
