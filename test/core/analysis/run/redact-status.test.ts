import { describe, expect, it } from 'vitest';
import { redactRunStatus } from '../../../../src/core/analysis/run/index.js';
import type { AnalysisRunStatus } from '../../../../src/domain/analysis.js';
import { buildRedactor } from '../../../../src/domain/redaction.js';

const status = (text: string): AnalysisRunStatus => ({
  phase: 'Failed',
  message: `Metric "m" assessed Failed: ${text}`,
  startedAt: '2026-01-01T00:00:04Z',
  runSummary: { count: 1, failed: 1 },
  metricResults: [
    {
      name: 'm',
      phase: 'Failed',
      message: text,
      failed: 1,
      measurements: [
        {
          phase: 'Failed',
          value: `{"echo":"${text}"}`,
          message: text,
          metadata: { [text]: text },
          startedAt: '2026-01-01T00:00:00Z',
          finishedAt: '2026-01-01T00:00:04Z',
        },
      ],
    },
  ],
});

describe('redactRunStatus', () => {
  it('masks messages, values and metadata', () => {
    expect(redactRunStatus(status('saw tok3n-42'), buildRedactor(['tok3n-42']))).toEqual(
      status('saw *****'),
    );
  });

  it.each(['00', 'Failed', '2026'])(
    'keeps phases, timestamps and names whatever the secret (%j)',
    (secret) => {
      const out = redactRunStatus(status('x'), buildRedactor([secret]));
      expect(out).toMatchObject({
        phase: 'Failed',
        startedAt: '2026-01-01T00:00:04Z',
        metricResults: [
          {
            name: 'm',
            phase: 'Failed',
            measurements: [
              {
                phase: 'Failed',
                startedAt: '2026-01-01T00:00:00Z',
                finishedAt: '2026-01-01T00:00:04Z',
              },
            ],
          },
        ],
      });
    },
  );
});
