import { describe, expect, it } from 'vitest';
import type { AnalysisPhase, AnalysisRunSpec } from '../../../../src/domain/index.js';
import { ttlExpired } from '../../../../src/core/analysis/run/index.js';
import { aRun, sec } from './builders.js';

type Ttl = NonNullable<AnalysisRunSpec['ttlStrategy']>;

describe('ttlExpired (spec §2.1 ttlStrategy)', () => {
  it.each<
    [string, AnalysisPhase | undefined, Ttl | undefined, number | undefined, number, boolean]
  >([
    ['running run', 'Running', { secondsAfterCompletion: 0 }, undefined, 1000, false],
    ['no ttlStrategy', 'Successful', undefined, 0, 1000, false],
    ['no completedAt', 'Successful', { secondsAfterCompletion: 0 }, undefined, 1000, false],
    ['success, before', 'Successful', { secondsAfterSuccess: 60 }, 0, 59, false],
    ['success, at', 'Successful', { secondsAfterSuccess: 60 }, 0, 60, true],
    [
      'success falls back to completion',
      'Successful',
      { secondsAfterCompletion: 30, secondsAfterFailure: 5 },
      0,
      30,
      true,
    ],
    [
      'success prefers its own TTL',
      'Successful',
      { secondsAfterCompletion: 5, secondsAfterSuccess: 60 },
      0,
      30,
      false,
    ],
    ['failure', 'Failed', { secondsAfterFailure: 10, secondsAfterCompletion: 99 }, 0, 10, true],
    [
      'error uses completion',
      'Error',
      { secondsAfterFailure: 10, secondsAfterCompletion: 99 },
      0,
      10,
      false,
    ],
    ['inconclusive uses completion', 'Inconclusive', { secondsAfterCompletion: 20 }, 0, 21, true],
    [
      'only a TTL for the other outcome',
      'Inconclusive',
      { secondsAfterSuccess: 1 },
      0,
      1000,
      false,
    ],
    ['zero seconds', 'Failed', { secondsAfterCompletion: 0 }, 5, 5, true],
  ])('%s', (_name, phase, ttlStrategy, completedAt, now, expired) => {
    const run = aRun({
      ...(phase ? { phase } : {}),
      ...(completedAt !== undefined ? { completedAt } : {}),
      spec: ttlStrategy ? { ttlStrategy } : {},
    });
    expect(ttlExpired(run, sec(now))).toBe(expired);
  });
});
