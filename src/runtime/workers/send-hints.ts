import type { Hint } from '../../domain/hint.js';
import { distinctHints, objectKey } from './object-key.js';

/** The slice of a Durable Object namespace that receives hints (a stub's RPC `poke`). */
export interface HintTarget {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): { poke(hint: Hint): Promise<void> };
}

/**
 * Hands each distinct hint to the Durable Object named by its key. Only a poke (a stored hint and
 * an alarm), so the hook answers fast; a failure rejects, the hook answers 503 and the relay
 * redelivers rather than losing work.
 */
export async function sendHints(target: HintTarget, hints: readonly Hint[]): Promise<void> {
  await Promise.all(
    distinctHints(hints).map((h) => target.get(target.idFromName(objectKey(h))).poke(h)),
  );
}
