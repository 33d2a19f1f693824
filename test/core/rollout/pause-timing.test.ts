import { describe, expect, it } from 'vitest';
import { pauseEndsAt, pauseStartMs } from '../../../src/core/rollout/pause-timing.js';
import { OWN, type PauseCondition, type Rollout } from '../../../src/domain/index.js';

const condition: PauseCondition = { reason: 'CanaryPauseStep', startTime: '2026-01-01T00:00:07Z' };
const aRollout = (annotation?: string): Rollout =>
  ({
    metadata: {
      name: 'r',
      ...(annotation === undefined ? {} : { annotations: { [OWN.pauseStartedAt]: annotation } }),
    },
    spec: {},
  }) as unknown as Rollout;
const SECOND = Date.parse(condition.startTime);

describe('pause start', () => {
  it.each<[string, string | undefined, number]>([
    ['the precise start of this pause', '2026-01-01T00:00:07.900Z', SECOND + 900],
    ['startTime without an annotation', undefined, SECOND],
    ['startTime when the annotation is from another pause', '2026-01-01T00:00:06.900Z', SECOND],
    ['startTime when the annotation is not a time', 'soon', SECOND],
  ])('uses %s', (_name, annotation, expected) => {
    expect(pauseStartMs(aRollout(annotation), condition)).toBe(expected);
  });

  it('ends a 10 s pause 10 s after its precise start', () => {
    expect(pauseEndsAt(aRollout('2026-01-01T00:00:07.900Z'), condition, 10)).toBe(SECOND + 10_900);
  });
});
