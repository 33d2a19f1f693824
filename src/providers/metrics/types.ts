import type { Metric } from '../../domain/analysis.js';
import type { ProviderOutcome } from '../../domain/provider-outcome.js';

/** The outcome type lives in the domain: the core records outcomes without knowing providers. */
export type { ProviderOutcome };

/** What a provider may use. Everything is passed in: no globals, no env lookups inside providers. */
export interface ProviderContext {
  now: number;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** The AnalysisRun being measured. */
  run: { name: string; namespace: string; uid: string };
  /** Reads a Secret's key in the run's namespace (already base64-decoded); undefined when missing. */
  secret?: (name: string, key: string) => Promise<string | undefined>;
  /** Controller-level settings, e.g. ARGO_ROLLOUTS_PROMETHEUS_ADDRESS, parsed once at start-up. */
  settings?: Record<string, string>;
  /** Kubernetes access for providers that create objects (job). */
  kube?: unknown;
  /** 1 for a metric's first measurement, counting every taken or errored one (names the job's Job). */
  attempt?: number;
}

export interface MetricProvider {
  /** The provider key as it appears in the metric (`prometheus`, `web`, …). */
  readonly type: string;
  /** Starts (or takes) a measurement. `metric.provider[type]` has had `{{args.*}}` substituted already. */
  run(ctx: ProviderContext, metric: Metric): Promise<ProviderOutcome>;
  /** Continues a pending measurement (async providers). */
  resume?(
    ctx: ProviderContext,
    metric: Metric,
    metadata: Record<string, string>,
  ): Promise<ProviderOutcome>;
  /** Stops a pending measurement when the run terminates. */
  terminate?(ctx: ProviderContext, metric: Metric, metadata: Record<string, string>): Promise<void>;
}
