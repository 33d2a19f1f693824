import { analysisRunPath, type KubeClient, KubeApiError } from '../adapters/kube/index.js';
import { plainArgValues, substituteArgs } from '../core/analysis/args/index.js';
import { evaluateCondition } from '../core/analysis/expr/index.js';
import {
  buildErrorStatus,
  completeRunStep,
  type DueMeasurement,
  planRunStep,
  redactRunStatus,
  TERMINATED_OUTCOME,
  ttlExpired,
  ttlExpiresAt,
} from '../core/analysis/run/index.js';
import { createMergePatch } from '../core/merge-diff.js';
import type { AnalysisRun, Metric } from '../domain/analysis.js';
import { buildRedactor, type Redact } from '../domain/redaction.js';
import { redactOutcome } from '../providers/metrics/index.js';
import type {
  MetricProvider,
  ProviderContext,
  ProviderOutcome,
} from '../providers/metrics/types.js';
import type { RolloutRef } from './load-rollout.js';
import type { ReconcileResult } from './reconcile-rollout.js';

export interface AnalysisDeps {
  kube: KubeClient;
  now: () => number;
  providers: ReadonlyMap<string, MetricProvider>;
  fetch: ProviderContext['fetch'];
  settings?: Record<string, string>;
}

/** Reads one key of a Secret in the run's namespace (what `ctx.secret` gives providers). */
type ReadSecret = NonNullable<ProviderContext['secret']>;

async function secretValue(
  kube: KubeClient,
  namespace: string,
  name: string,
  key: string,
): Promise<string | undefined> {
  try {
    const secret = await kube.get<{
      data?: Record<string, string>;
      stringData?: Record<string, string>;
    }>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets/${encodeURIComponent(name)}`);
    const raw = secret.data?.[key];
    return raw !== undefined ? atob(raw) : secret.stringData?.[key];
  } catch (e) {
    if (e instanceof KubeApiError && e.isNotFound) return undefined;
    throw e;
  }
}

function redactOutcomes(outcomes: ReadonlyMap<string, ProviderOutcome>, redact: Redact) {
  return new Map(
    [...outcomes].map(([metric, outcome]) => [metric, redactOutcome(outcome, redact)]),
  );
}

function providerOf(deps: AnalysisDeps, metric: Metric): MetricProvider | undefined {
  const key = Object.keys(metric.provider ?? {})[0];
  return key ? deps.providers.get(key) : undefined;
}

/**
 * One step of an AnalysisRun (spec §2.4, §2.5): takes the measurements that are due through their
 * providers, records and assesses them, and writes the status once. Secrets named by the run's
 * args are read at measurement time and never leave this function unredacted. The next
 * measurement time comes back as `nextReconcileAt` for the per-object timer.
 */
export async function reconcileAnalysisRun(
  deps: AnalysisDeps,
  ref: RolloutRef,
): Promise<ReconcileResult> {
  const now = deps.now();
  const path = analysisRunPath(ref.namespace, ref.name);
  let run: AnalysisRun;
  try {
    run = await deps.kube.get<AnalysisRun>(path);
  } catch (e) {
    if (e instanceof KubeApiError && e.isNotFound) return { outcome: 'gone' };
    throw e;
  }
  if (ttlExpired(run, now)) {
    await deps.kube.delete(path);
    return { outcome: 'committed' };
  }
  const { due, status: started } = planRunStep(run, now);
  // Every value read from a Secret, for the args or by a provider itself: the redactor masks them all.
  const secrets: string[] = [];
  const readSecret: ReadSecret = async (name, key) => {
    const value = await secretValue(deps.kube, ref.namespace, name, key);
    if (value !== undefined) secrets.push(value);
    return value;
  };
  let status = started;
  const outcomes = new Map<string, ProviderOutcome>();
  try {
    const values = plainArgValues(run.spec.args ?? []);
    for (const a of run.spec.args ?? []) {
      const secretRef = a.valueFrom?.secretKeyRef;
      if (!secretRef) continue;
      const v = await readSecret(secretRef.name, secretRef.key);
      if (v === undefined)
        throw new Error(`secret "${secretRef.name}" has no key "${secretRef.key}"`);
      values.set(a.name, v);
    }
    await Promise.all(
      due.map(async (d) =>
        outcomes.set(d.metric.name, await measure(deps, run, d, values, readSecret, now)),
      ),
    );
  } catch (e) {
    status = buildErrorStatus(
      started,
      `Unable to resolve metric arguments: ${(e as Error).message}`,
      now,
    );
  }
  // The boundary where outcomes become status: nothing past it holds a secret, so the AnalysisRun,
  // the Rollout and Experiment status, Events, the API, SSE and /metrics (all read it) are clean.
  const redact = buildRedactor(secrets);
  const step =
    status.phase === 'Error' && outcomes.size === 0
      ? { status, nextReconcileAt: undefined }
      : completeRunStep(
          { ...run, status },
          redactOutcomes(outcomes, redact),
          evaluateCondition,
          now,
        );
  const result = { ...step, status: redactRunStatus(step.status, redact) };
  const patch = createMergePatch(run.status ?? {}, result.status);
  const ttlAt = ttlExpiresAt({ ...run, status: result.status });
  const next = result.nextReconcileAt ?? ttlAt;
  if (patch === undefined)
    return { outcome: 'unchanged', ...(next !== undefined ? { nextReconcileAt: next } : {}) };
  try {
    // Upstream's AnalysisRun CRD has no status subresource: status is written through the main resource.
    await deps.kube.mergePatch(path, {
      metadata: { resourceVersion: run.metadata.resourceVersion },
      status: patch,
    });
  } catch (e) {
    if (e instanceof KubeApiError && e.isConflict) return { outcome: 'conflict' };
    throw e;
  }
  return { outcome: 'committed', ...(next !== undefined ? { nextReconcileAt: next } : {}) };
}

async function measure(
  deps: AnalysisDeps,
  run: AnalysisRun,
  d: DueMeasurement,
  values: ReadonlyMap<string, string>,
  secret: ReadSecret,
  now: number,
): Promise<ProviderOutcome> {
  const provider = providerOf(deps, d.metric);
  if (!provider)
    return {
      kind: 'error',
      message: `no provider for metric "${d.metric.name}": ${Object.keys(d.metric.provider ?? {}).join(', ') || 'none'}`,
    };
  const results = run.status?.metricResults?.find((r) => r.name === d.metric.name);
  const ctx: ProviderContext = {
    now,
    fetch: deps.fetch,
    run: {
      name: run.metadata.name,
      namespace: run.metadata.namespace ?? 'default',
      uid: run.metadata.uid ?? '',
    },
    secret,
    ...(deps.settings ? { settings: deps.settings } : {}),
    kube: deps.kube,
    attempt: (results?.count ?? 0) + (results?.error ?? 0) + 1,
  };
  const metadata =
    results?.measurements?.[d.measurementIndex ?? -1]?.metadata ??
    results?.measurements?.at(-1)?.metadata ??
    {};
  try {
    const metric = substituteArgs(d.metric, values);
    if (d.terminate) {
      await provider.terminate?.(ctx, metric, metadata);
      return TERMINATED_OUTCOME;
    }
    if (d.kind === 'resume')
      return provider.resume
        ? await provider.resume(ctx, metric, metadata)
        : { kind: 'error', message: `provider ${provider.type} cannot resume` };
    return await provider.run(ctx, metric);
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
}
