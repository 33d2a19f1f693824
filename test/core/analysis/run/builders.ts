import type {
  AnalysisPhase,
  AnalysisRun,
  AnalysisRunSpec,
  Measurement,
  Metric,
  MetricResult,
} from '../../../../src/domain/index.js';
import type { Evaluate } from '../../../../src/core/analysis/run/index.js';

/** The test clock's origin; times below are seconds after it. */
export const T0 = Date.parse('2024-01-01T00:00:00Z');
export const sec = (s: number): number => T0 + s * 1000;
export const iso = (s: number): string => new Date(sec(s)).toISOString().replace('.000Z', 'Z');

/** A Prometheus metric `success-rate` (a single measurement unless told otherwise). */
export function aMetric(o: Partial<Metric> = {}): Metric {
  return { name: 'success-rate', provider: { prometheus: { query: 'up' } }, ...o };
}

/** A measurement that finished (or, with `inFlight`, is still running) at second `at`. */
export function aMeasurement(
  phase: AnalysisPhase,
  o: { at?: number; inFlight?: boolean; resumeAt?: number; message?: string; value?: string } = {},
): Measurement {
  const at = o.at ?? 0;
  return {
    phase,
    startedAt: iso(at),
    ...(o.inFlight ? {} : { finishedAt: iso(at) }),
    ...(o.resumeAt !== undefined ? { resumeAt: iso(o.resumeAt) } : {}),
    ...(o.message !== undefined ? { message: o.message } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
  };
}

/** A metric result; counters default to 0 and the phase to Running. */
export function aResult(o: Partial<MetricResult> = {}): MetricResult {
  return { name: 'success-rate', phase: 'Running', ...o };
}

/** Counters as the recorder would leave them after these measurement phases. */
export function countersOf(phases: readonly AnalysisPhase[]): Partial<MetricResult> {
  const n = (p: AnalysisPhase): number => phases.filter((x) => x === p).length;
  const streak = (p: AnalysisPhase): number => {
    let k = 0;
    for (let i = phases.length - 1; i >= 0 && phases[i] === p; i--) k++;
    return k;
  };
  return {
    count: n('Successful') + n('Failed') + n('Inconclusive'),
    successful: n('Successful'),
    failed: n('Failed'),
    inconclusive: n('Inconclusive'),
    error: n('Error'),
    consecutiveError: streak('Error'),
    consecutiveSuccess: streak('Successful'),
  };
}

/** A result whose measurements (finished one second apart from `from`) and counters agree. */
export function aResultOf(
  phases: readonly AnalysisPhase[],
  o: Partial<MetricResult> & { from?: number } = {},
): MetricResult {
  const { from = 0, ...rest } = o;
  return aResult({
    measurements: phases.map((p, i) => aMeasurement(p, { at: from + i })),
    ...countersOf(phases),
    ...rest,
  });
}

export function aRun(
  o: {
    metrics?: Metric[];
    results?: MetricResult[];
    startedAt?: number;
    phase?: AnalysisPhase;
    completedAt?: number;
    message?: string;
    spec?: Partial<AnalysisRunSpec>;
  } = {},
): AnalysisRun {
  return {
    metadata: { name: 'guestbook-abc-1', namespace: 'default' },
    spec: { metrics: o.metrics ?? [aMetric()], ...o.spec },
    status: {
      ...(o.phase ? { phase: o.phase } : {}),
      ...(o.message ? { message: o.message } : {}),
      ...(o.startedAt !== undefined ? { startedAt: iso(o.startedAt) } : {}),
      ...(o.completedAt !== undefined ? { completedAt: iso(o.completedAt) } : {}),
      ...(o.results ? { metricResults: o.results } : {}),
    },
  };
}

/** A stand-in for the condition language: known condition texts map to functions; others throw. */
export function evaluateWith(table: Record<string, (result: unknown) => boolean>): Evaluate {
  return (condition, result) => {
    const f = table[condition];
    if (!f) throw new Error(`unknown condition ${condition}`);
    return f(result);
  };
}

/** `result[0] >= 0.95` over a number array; throws (like expr) when there is no element 0. */
export const evaluate = evaluateWith({
  'result[0] >= 0.95': (r) => {
    if (!Array.isArray(r) || r.length === 0)
      throw new Error('index out of range: 0 (array length 0)');
    return (r[0] as number) >= 0.95;
  },
  'result[0] < 0.5': (r) => {
    if (!Array.isArray(r) || r.length === 0)
      throw new Error('index out of range: 0 (array length 0)');
    return (r[0] as number) < 0.5;
  },
  'result == "x"': () => {
    throw new Error('invalid operation: == (mismatched types float64 and string)');
  },
});
