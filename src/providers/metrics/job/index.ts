import { type KubeClient, KubeApiError } from '../../../adapters/kube/index.js';
import type { Metric } from '../../../domain/analysis.js';
import type { MetricProvider, ProviderContext, ProviderOutcome } from '../types.js';

const POLL_MS = 3000;
const STUCK = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName']);

interface JobConfig {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

interface JobObject {
  metadata: { name: string; uid?: string };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>; active?: number };
}

function kubeOf(ctx: ProviderContext): KubeClient {
  return ctx.kube as KubeClient;
}

function namespaceOf(ctx: ProviderContext): string {
  return ctx.settings?.ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE || ctx.run.namespace;
}

const jobsPath = (ns: string, name?: string) => `/apis/batch/v1/namespaces/${encodeURIComponent(ns)}/jobs${name ? `/${encodeURIComponent(name)}` : ''}`;

/** `<run uid>.<metric (≤63)>.<n>` (spec §1.10): unique per measurement, so a retry finds its own Job. */
export function jobName(runUid: string, metric: string, attempt: number): string {
  return `${runUid}.${metric.slice(0, 63)}.${attempt}`.toLowerCase();
}

async function status(ctx: ProviderContext, ns: string, name: string): Promise<ProviderOutcome> {
  const kube = kubeOf(ctx);
  const job = await kube.get<JobObject>(jobsPath(ns, name));
  const cond = job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const metadata = { 'job-name': name, 'job-namespace': ns };
  if (cond?.type === 'Complete') return { kind: 'decided', phase: 'Successful', value: '', metadata };
  if (cond?.type === 'Failed') return { kind: 'decided', phase: 'Failed', message: cond.message ?? cond.reason ?? 'Job failed', metadata };
  // A pod that can never pull its image will not finish: Inconclusive, as upstream decides.
  const pods = await kube.list<{ status?: { containerStatuses?: Array<{ state?: { waiting?: { reason?: string } } }> } }>(`/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, { labelSelector: `job-name=${name}` });
  const stuck = pods.items.flatMap((p) => p.status?.containerStatuses ?? []).map((c) => c.state?.waiting?.reason).find((r) => r && STUCK.has(r));
  if (stuck) return { kind: 'decided', phase: 'Inconclusive', message: `job pod is stuck in ${stuck}`, metadata };
  return { kind: 'pending', resumeAt: ctx.now + POLL_MS, metadata };
}

/**
 * The `job` provider (spec §2.7): runs a Kubernetes Job per measurement and waits for it.
 * Complete ⇒ Successful, Failed (incl. activeDeadlineSeconds) ⇒ Failed, a pod stuck pulling its
 * image ⇒ Inconclusive; terminating the run deletes the Job.
 */
export const job: MetricProvider = {
  type: 'job',
  async run(ctx, metric: Metric): Promise<ProviderOutcome> {
    const config = (metric.provider.job ?? {}) as JobConfig;
    if (!config.spec) return { kind: 'error', message: 'job metric has no spec' };
    const ns = namespaceOf(ctx);
    const name = jobName(ctx.run.uid, metric.name, ctx.attempt ?? 1);
    const body = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: ns,
        labels: { ...config.metadata?.labels, 'analysisrun.argoproj.io/uid': ctx.run.uid },
        annotations: { ...config.metadata?.annotations, 'analysisrun.argoproj.io/name': ctx.run.name, 'analysisrun.argoproj.io/namespace': ctx.run.namespace, 'analysisrun.argoproj.io/metric-name': metric.name },
        ...(ns === ctx.run.namespace ? { ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', name: ctx.run.name, uid: ctx.run.uid, controller: true, blockOwnerDeletion: true }] } : {}),
      },
      spec: config.spec,
    };
    try {
      await kubeOf(ctx).create(jobsPath(ns), body);
    } catch (e) {
      if (!(e instanceof KubeApiError && e.isAlreadyExists)) return { kind: 'error', message: `could not create job: ${(e as Error).message}` };
    }
    return { kind: 'pending', resumeAt: ctx.now + POLL_MS, metadata: { 'job-name': name, 'job-namespace': ns } };
  },
  async resume(ctx, _metric, metadata) {
    const name = metadata['job-name'];
    if (!name) return { kind: 'error', message: 'job measurement lost its job name' };
    try {
      return await status(ctx, metadata['job-namespace'] ?? namespaceOf(ctx), name);
    } catch (e) {
      if (e instanceof KubeApiError && e.isNotFound) return { kind: 'decided', phase: 'Inconclusive', message: `job ${name} was deleted` };
      return { kind: 'error', message: `could not read job ${name}: ${(e as Error).message}` };
    }
  },
  async terminate(ctx, _metric, metadata) {
    const name = metadata['job-name'];
    if (name) await kubeOf(ctx).delete(jobsPath(metadata['job-namespace'] ?? namespaceOf(ctx), name), { propagationPolicy: 'Background' });
  },
};
