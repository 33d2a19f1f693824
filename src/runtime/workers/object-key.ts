import type { Hint } from '../../http/hooks/index.js';

/** The Durable Object name for a hint: one object per `kind/namespace/name` (DESIGN §3). */
export function objectKey(h: Hint): string {
  return `${h.kind}/${h.namespace}/${h.name}`;
}

/** The distinct hints of a batch, by object key, in first-seen order. */
export function distinctHints(hints: readonly Hint[]): Hint[] {
  return [...new Map(hints.map((h) => [objectKey(h), h])).values()];
}
