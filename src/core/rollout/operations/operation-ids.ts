import { OWN, type Rollout } from '../../../domain/index.js';

/** How many recent operation ids the Rollout remembers. */
export const OPERATION_ID_LIMIT = 20;

// Ids go into a comma-separated annotation; encoding keeps a comma inside an id from splitting it.
const encode = (id: string) => encodeURIComponent(id);

function recordedIds(rollout: Rollout): string[] {
  return (rollout.metadata.annotations?.[OWN.operations] ?? '').split(',').filter((x) => x !== '');
}

/** The operation with this idempotency key was already applied to the Rollout. */
export function isRecordedOperation(rollout: Rollout, id: string): boolean {
  return recordedIds(rollout).includes(encode(id));
}

/** The annotation value with `id` recorded as the newest, keeping the last {@link OPERATION_ID_LIMIT}. */
export function buildOperationIds(rollout: Rollout, id: string): string {
  const enc = encode(id);
  return [...recordedIds(rollout).filter((x) => x !== enc), enc]
    .slice(-OPERATION_ID_LIMIT)
    .join(',');
}
