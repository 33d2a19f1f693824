import { describe, expect, it } from 'vitest';
import type { AnalysisRun, Metric } from '../../../../src/domain/index.js';
import type { ProviderOutcome } from '../../../../src/providers/metrics/types.js';
import {
  TERMINATED_OUTCOME,
  completeRunStep,
  planRunStep,
  type DueMeasurement,
} from '../../../../src/core/analysis/run/index.js';
import { aMetric, aResultOf, aRun, evaluate, iso, sec } from './builders.js';

type Provide = (due: DueMeasurement) => ProviderOutcome;

/** One reconcile at second `at`: plan, let `provide` play the providers, complete. */
function reconcile(run: AnalysisRun, at: number, provide: Provide) {
  const plan = planRunStep(run, sec(at));
  const outcomes = new Map(plan.due.map((d) => [d.metric.name, provide(d)] as const));
  const step = completeRunStep({ ...run, status: plan.status }, outcomes, evaluate, sec(at));
  return {
    due: plan.due,
    run: { ...run, status: step.status },
    next: step.nextReconcileAt,
    trimmed: step.trimmed,
  };
}

const value = (x: number): ProviderOutcome => ({ kind: 'value', result: [x], value: `[${x}]` });
const good: Provide = () => value(0.99);
const rate = (o: Partial<Metric> = {}) => aMetric({ successCondition: 'result[0] >= 0.95', ...o });

describe('planRunStep / completeRunStep', () => {
  it('takes count measurements every interval, then completes', () => {
    let run = aRun({ metrics: [rate({ count: 3, interval: '10s' })] });
    const seen: Array<[number, string | undefined, number | undefined]> = [];
    for (const at of [0, 10, 20]) {
      const r = reconcile(run, at, good);
      run = r.run;
      seen.push([r.due.length, run.status?.phase, r.next]);
    }
    expect(seen).toEqual([
      [1, 'Running', sec(10)],
      [1, 'Running', sec(20)],
      [1, 'Successful', undefined],
    ]);
    expect(run.status).toMatchObject({
      startedAt: iso(0),
      completedAt: iso(20),
      runSummary: { count: 1, successful: 1 },
    });
    expect(run.status?.metricResults?.[0]).toMatchObject({
      phase: 'Successful',
      count: 3,
      successful: 3,
      consecutiveSuccess: 3,
    });
  });

  it('waits for the initialDelay', () => {
    const r = reconcile(aRun({ metrics: [rate({ initialDelay: '30s' })] }), 0, good);
    expect(r).toMatchObject({
      due: [],
      next: sec(30),
      run: { status: { phase: 'Running', startedAt: iso(0) } },
    });
  });

  it('retries an error after 10 s, and the 5th consecutive error ends the run in Error', () => {
    let run = aRun({ metrics: [rate({ interval: '5m' })] });
    const failing: Provide = () => ({
      kind: 'error',
      message: 'Get "http://prom/api": connection refused',
    });
    const nexts: Array<number | undefined> = [];
    for (const at of [0, 10, 20, 30, 40]) {
      const r = reconcile(run, at, failing);
      run = r.run;
      nexts.push(r.next);
    }
    expect(nexts).toEqual([sec(10), sec(20), sec(30), sec(40), undefined]);
    expect(run.status).toMatchObject({
      phase: 'Error',
      message:
        'Metric "success-rate" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: Get "http://prom/api": connection refused"',
    });
  });

  it('a failing metric stops its siblings on the next, immediate reconcile', () => {
    const metrics = [rate({ name: 'forever', interval: '60s' }), rate({ name: 'once' })];
    const first = reconcile(aRun({ metrics }), 0, (d) =>
      d.metric.name === 'once' ? value(0.1) : value(0.99),
    );
    expect(first).toMatchObject({ next: sec(0), run: { status: { phase: 'Running' } } });
    const second = reconcile(first.run, 0, good);
    expect(second.due).toEqual([]);
    expect(second.run.status).toMatchObject({
      phase: 'Failed',
      message: 'Metric "once" assessed Failed due to failed (1) > failureLimit (0)',
      completedAt: iso(0),
    });
    expect(second.run.status?.metricResults?.map((r) => r.phase)).toEqual(['Successful', 'Failed']);
  });

  it('resumes an async measurement at resumeAt', () => {
    const job = aMetric({ provider: { job: {} } });
    const started = reconcile(aRun({ metrics: [job] }), 0, () => ({
      kind: 'pending',
      resumeAt: sec(15),
      metadata: { 'job-name': 'j' },
    }));
    expect(started).toMatchObject({ next: sec(15), run: { status: { phase: 'Running' } } });
    expect(reconcile(started.run, 10, good).due).toEqual([]);
    const done = reconcile(started.run, 15, (d) =>
      d.kind === 'resume' ? { kind: 'decided', phase: 'Successful' } : value(0),
    );
    expect(done.run.status?.phase).toBe('Successful');
    expect(done.run.status?.metricResults?.[0]?.measurements).toEqual([
      {
        phase: 'Successful',
        startedAt: iso(0),
        finishedAt: iso(15),
        metadata: { 'job-name': 'j' },
      },
    ]);
  });

  it('terminating stops an in-flight measurement: "Metric Terminated", "Run Terminated"', () => {
    const job = aMetric({ provider: { job: {} } });
    const started = reconcile(aRun({ metrics: [job] }), 0, () => ({
      kind: 'pending',
      resumeAt: sec(600),
    }));
    const terminated: AnalysisRun = {
      ...started.run,
      spec: { ...started.run.spec, terminate: true },
    };
    const r = reconcile(terminated, 5, (d) => (d.terminate ? TERMINATED_OUTCOME : value(0)));
    expect(r.due.map((d) => [d.kind, d.terminate])).toEqual([['resume', true]]);
    expect(r.run.status).toMatchObject({ phase: 'Successful', message: 'Run Terminated' });
    expect(r.run.status?.metricResults?.[0]).toMatchObject({
      phase: 'Successful',
      message: 'Metric Terminated',
    });
  });

  it('marks dry-run metric results and keeps their failures out of the phase', () => {
    const r = reconcile(
      aRun({ metrics: [rate()], spec: { dryRun: [{ metricName: '.*' }] } }),
      0,
      () => value(0.1),
    );
    expect(r.run.status).toMatchObject({
      phase: 'Successful',
      dryRunSummary: { count: 1, failed: 1 },
    });
    expect(r.run.status?.metricResults?.[0]).toMatchObject({ dryRun: true, phase: 'Failed' });
  });

  it('trims the history and reports it for the providers’ garbage collection', () => {
    const metric = rate({ interval: '1s' });
    const run = aRun({
      metrics: [metric],
      spec: { measurementRetention: [{ metricName: 'success', limit: 2 }] },
      results: [aResultOf(['Successful', 'Successful'])],
    });
    const r = reconcile(run, 10, good);
    expect(r.run.status?.metricResults?.[0]?.measurements).toHaveLength(2);
    expect(r.run.status?.metricResults?.[0]?.count).toBe(3);
    expect(r.trimmed.map((t) => [t.metricName, t.limit, t.removed.length])).toEqual([
      ['success-rate', 2, 1],
    ]);
  });

  it('keeps the message while the phase stays the same', () => {
    const run = aRun({
      metrics: [rate({ interval: '1m' })],
      phase: 'Running',
      message: 'kept',
      results: [aResultOf(['Successful'])],
    });
    expect(reconcile(run, 1, good).run.status?.message).toBe('kept');
  });

  it.each<[string, Partial<AnalysisRun['spec']>, string]>([
    [
      'an invalid metric',
      { metrics: [aMetric({ provider: {} })] },
      'Analysis spec invalid: metrics[0]: no provider specified',
    ],
    ['no metrics', { metrics: [] }, 'Analysis spec invalid: no metrics specified'],
    [
      'a dry-run rule matching nothing',
      { dryRun: [{ metricName: 'latency' }] },
      "Analysis spec invalid: dryRun[0]: Rule didn't match any metric name(s)",
    ],
  ])('%s ends the run in Error', (_name, spec, message) => {
    const run = aRun({ spec });
    const plan = planRunStep(run, sec(3));
    expect(plan).toEqual({ due: [], status: { phase: 'Error', message, completedAt: iso(3) } });
    expect(completeRunStep(run, new Map(), evaluate, sec(3)).status).toEqual(plan.status);
  });

  it('a completed run is left alone; with a TTL it asks to come back when it expires', () => {
    const run = aRun({
      phase: 'Successful',
      completedAt: 100,
      spec: { ttlStrategy: { secondsAfterSuccess: 60 } },
    });
    expect(planRunStep(run, sec(120))).toEqual({ due: [], status: run.status });
    expect(completeRunStep(run, new Map([['success-rate', value(0)]]), evaluate, sec(120))).toEqual(
      { status: run.status, nextReconcileAt: sec(160), trimmed: [] },
    );
  });
});
