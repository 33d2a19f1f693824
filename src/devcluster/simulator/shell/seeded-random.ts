/** FNV-1a over UTF-16 code units: a stable 32-bit seed from a name. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * `$RANDOM` for one script: mulberry32 seeded from a name, 0..32767 per read. The same name
 * always draws the same sequence, so a Job's outcome is reproducible and Jobs with different
 * names (every measurement's Job has its own) draw differently.
 */
export function seededRandom(seed: string): () => number {
  let state = hashSeed(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % 32768;
  };
}
