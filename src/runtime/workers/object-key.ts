import { type Hint, hintKey } from '../../domain/hint.js';

/** The Durable Object name for a hint: one object per `kind/namespace/name` (DESIGN §3). */
export const objectKey = (h: Hint): string => hintKey(h);

/** The distinct hints of a batch, by object key, in first-seen order. */
export function distinctHints(hints: readonly Hint[]): Hint[] {
  return [...new Map(hints.map((h) => [hintKey(h), h])).values()];
}
