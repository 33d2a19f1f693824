import { describe, expect, it } from 'vitest';
import {
  assessExperimentPhase,
  isExperimentTerminating,
} from '../../../src/core/experiment/index.js';
import type { ExperimentStatus } from '../../../src/domain/experiment.js';
import { anExperiment } from './builders.js';

const tpl = (status: string, message?: string) =>
  ({
    name: 't',
    replicas: 1,
    updatedReplicas: 1,
    readyReplicas: 1,
    availableReplicas: 1,
    status,
    ...(message ? { message } : {}),
  }) as NonNullable<ExperimentStatus['templateStatuses']>[number];
const run = (name: string, phase: string) =>
  ({ name, analysisRun: `ex-${name}`, phase }) as NonNullable<
    ExperimentStatus['analysisRuns']
  >[number];
const analyses = [
  { name: 'x', templateName: 'x' },
  { name: 'req', templateName: 'r', requiredForCompletion: true },
];

describe('assessExperimentPhase (spec §3 step 4)', () => {
  it.each([
    ['templates progressing, not available', { templateStatuses: [tpl('Progressing')] }, 'Pending'],
    [
      'templates running',
      {
        availableAt: 'x',
        templateStatuses: [tpl('Running')],
        analysisRuns: [run('x', 'Running'), run('req', 'Running')],
      },
      'Running',
    ],
    ['a template failed', { templateStatuses: [tpl('Failed', 'boom')] }, 'Failed'],
    [
      'an analysis failed while running',
      {
        availableAt: 'x',
        templateStatuses: [tpl('Running')],
        analysisRuns: [run('x', 'Failed'), run('req', 'Running')],
      },
      'Failed',
    ],
    [
      'an analysis inconclusive while running',
      {
        availableAt: 'x',
        templateStatuses: [tpl('Running')],
        analysisRuns: [run('x', 'Inconclusive'), run('req', 'Running')],
      },
      'Inconclusive',
    ],
    [
      'required analysis successful before the duration',
      {
        availableAt: 'x',
        templateStatuses: [tpl('Running')],
        analysisRuns: [run('x', 'Running'), run('req', 'Successful')],
      },
      'Successful',
    ],
    [
      'templates done, analyses done: worst wins',
      {
        availableAt: 'x',
        templateStatuses: [tpl('Successful')],
        analysisRuns: [run('x', 'Error'), run('req', 'Successful')],
      },
      'Error',
    ],
    [
      'templates done, a non-required analysis still running',
      {
        availableAt: 'x',
        templateStatuses: [tpl('Successful')],
        analysisRuns: [run('x', 'Running'), run('req', 'Running')],
      },
      'Running',
    ],
  ] as Array<[string, ExperimentStatus, string]>)('%s ⇒ %s', (_name, status, phase) => {
    expect(assessExperimentPhase(anExperiment({ analyses }), {}, status).phase).toBe(phase);
  });

  it('keeps a completed phase', () => {
    const prev: ExperimentStatus = { phase: 'Failed', message: 'no' };
    expect(
      assessExperimentPhase(anExperiment({ analyses }), prev, {
        templateStatuses: [tpl('Successful')],
      }),
    ).toEqual({ phase: 'Failed', message: 'no' });
  });

  it('without analyses, templates done is Successful', () => {
    expect(
      assessExperimentPhase(
        anExperiment(),
        {},
        { availableAt: 'x', templateStatuses: [tpl('Successful')] },
      ).phase,
    ).toBe('Successful');
  });
});

describe('isExperimentTerminating (spec §3 step 5)', () => {
  it.each([
    ['nothing', {}, {}, false],
    ['terminate: true', { terminate: true }, {}, true],
    ['finished', {}, { phase: 'Successful' }, true],
    ['template error', {}, { templateStatuses: [tpl('Error')] }, true],
    ['analysis inconclusive', {}, { analysisRuns: [run('x', 'Inconclusive')] }, true],
    ['required analysis successful', {}, { analysisRuns: [run('req', 'Successful')] }, true],
    [
      'only the optional analysis successful',
      {},
      { analysisRuns: [run('x', 'Successful')] },
      false,
    ],
  ] as Array<[string, { terminate?: boolean }, ExperimentStatus, boolean]>)(
    '%s ⇒ %s',
    (_name, spec, status, want) => {
      expect(isExperimentTerminating(anExperiment({ analyses, ...spec }), status)).toBe(want);
    },
  );
});
