import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildOperationIds,
  isRecordedOperation,
  OPERATION_ID_LIMIT,
} from '../../../../src/core/rollout/operations/index.js';
import { OWN, type Rollout } from '../../../../src/domain/index.js';
import { aRollout } from './builders.js';

const withIds = (value: string | undefined): Rollout =>
  aRollout(value === undefined ? {} : { annotations: { [OWN.operations]: value } });

describe('operation ids (idempotency keys in an annotation)', () => {
  it.each([
    {
      name: 'no annotation',
      value: undefined,
      id: 'github-comment-1',
      recorded: false,
      next: 'github-comment-1',
    },
    {
      name: 'a recorded id',
      value: 'github-comment-1,github-comment-2',
      id: 'github-comment-2',
      recorded: true,
      next: 'github-comment-1,github-comment-2',
    },
    { name: 'a new id goes last', value: 'a,b', id: 'c', recorded: false, next: 'a,b,c' },
    {
      name: 'a prefix of a recorded id is not recorded',
      value: 'github-comment-12',
      id: 'github-comment-1',
      recorded: false,
      next: 'github-comment-12,github-comment-1',
    },
    {
      name: 'a comma inside an id is encoded',
      value: 'a',
      id: 'b,c',
      recorded: false,
      next: 'a,b%2Cc',
    },
  ])('$name', ({ value, id, recorded, next }) => {
    expect(isRecordedOperation(withIds(value), id)).toBe(recorded);
    expect(buildOperationIds(withIds(value), id)).toBe(next);
  });

  it(`keeps the last ${OPERATION_ID_LIMIT} ids, the newest recorded`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 60 }),
        (ids) => {
          let ro = withIds(undefined);
          for (const id of ids) ro = withIds(buildOperationIds(ro, id));
          const value = ro.metadata.annotations?.[OWN.operations] ?? '';
          expect(value.split(',').length).toBeLessThanOrEqual(OPERATION_ID_LIMIT);
          expect(isRecordedOperation(ro, ids[ids.length - 1] ?? '')).toBe(true);
          const distinctRecent = [...new Set(ids.slice().reverse())].slice(0, OPERATION_ID_LIMIT);
          for (const id of distinctRecent) expect(isRecordedOperation(ro, id)).toBe(true);
        },
      ),
    );
  });
});
