import { describe, expect, it } from 'vitest';
import { planExperimentAnalysisEvents } from '../../../src/controller/notifications/experiment-analysis-events.js';
import type { ExperimentStatus } from '../../../src/domain/experiment.js';

// Upstream's experiment controller: an event per analysis whose phase changed (spec §6).
const status = (...runs: Array<[string, string, string?]>): ExperimentStatus => ({
  analysisRuns: runs.map(([name, phase, message]) => ({
    name,
    analysisRun: `ex-${name}`,
    phase: phase as 'Running',
    ...(message ? { message } : {}),
  })),
});

describe('planExperimentAnalysisEvents', () => {
  it('names each changed analysis with its phases; unchanged ones say nothing', () => {
    expect(
      planExperimentAnalysisEvents(
        status(['a', 'Running'], ['b', 'Running']),
        status(['a', 'Running'], ['b', 'Failed', 'metric "m" assessed Failed']),
      ),
    ).toEqual([
      {
        type: 'Warning',
        reason: 'AnalysisRunFailed',
        message:
          'Analysis b (AnalysisRun ex-b) went from Running to Failed: metric "m" assessed Failed',
      },
    ]);
  });

  it.each([
    ['Pending', 'Normal'],
    ['Running', 'Normal'],
    ['Successful', 'Normal'],
    ['Error', 'Warning'],
    ['Inconclusive', 'Warning'],
  ])('a first %s is a %s event from NoPreviousStatus', (phase, type) => {
    expect(planExperimentAnalysisEvents(undefined, status(['a', phase]))).toEqual([
      {
        type,
        reason: `AnalysisRun${phase}`,
        message: `Analysis a (AnalysisRun ex-a) went from NoPreviousStatus to ${phase}`,
      },
    ]);
  });
});
