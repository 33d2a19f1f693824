import { describe, expect, it } from 'vitest';
import { planExperiment } from '../../../src/core/experiment/index.js';
import type { AnalysisRun, AnalysisTemplateSpec } from '../../../src/domain/index.js';
import { aTemplateRS, anExperiment, observe, T0 } from './builders.js';

const template: AnalysisTemplateSpec = { metrics: [{ name: 'm', provider: { job: {} } }] };
const ex = anExperiment({ duration: '3s', analyses: [{ name: 'probe', templateName: 'tpl' }] });
const given = { replicaSets: [aTemplateRS(ex, 'a', 1)], templates: new Map([['tpl', template]]) };

/** The run the first pass creates, as the cluster holds it once its one measurement passed. */
function createdAndFinished(): AnalysisRun {
  const first = planExperiment(observe(ex, given));
  const create = first.actions.find((a) => a.kind === 'createAnalysisRun');
  if (create?.kind !== 'createAnalysisRun') throw new Error('the first pass created no run');
  return { ...create.run, status: { phase: 'Successful' } } as AnalysisRun;
}

// Spec §3 step 3: an Experiment's analysis gets one AnalysisRun. Upstream v1.10.2 creates a second
// (`<name>.1`) when it reconciles a stale Experiment status after the first run completed (README,
// explained differences: canary-experiment-passes); ours finds the run by its deterministic name.
describe('an Experiment analysis runs once', () => {
  it('adopts its finished run when the status read does not name it yet: no second run', () => {
    const run = createdAndFinished();
    const plan = planExperiment(observe(ex, { ...given, analysisRuns: [run], now: T0 + 1000 }));
    expect(plan.actions.filter((a) => a.kind === 'createAnalysisRun')).toEqual([]);
    expect(plan.status.analysisRuns).toEqual([
      { name: 'probe', analysisRun: run.metadata.name, phase: 'Successful' },
    ]);
  });
});
