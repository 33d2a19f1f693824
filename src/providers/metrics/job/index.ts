import { type KubeClient, KubeApiError } from '../../../adapters/kube/index.js';
import type { Metric } from '../../../domain/analysis.js';
import { isRecord } from '../shared/json.js';
import { guardMeasurement, SecretList } from '../shared/outcome.js';
import type { MetricProvider, ProviderContext, ProviderOutcome } from '../types.js';
import { parseJobConfig } from './config.js';

const POLL_MS = 3000;
const STUCK = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName']);

interface JobObject {
  metadata: { name: string; uid?: string };
  status?: {
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
    active?: number;
  };
}

/** A Kubernetes answer is the Job asked for (a proxy or a broken server may answer anything with a 2xx). */
function isJobNamed(answer: JobObject | null, name: string): answer is JobObject {
  return isRecord(answer) && isRecord(answer.metadata) && answer.metadata.name === name;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function kubeOf(ctx: ProviderContext): KubeClient {
  return ctx.kube as KubeClient;
}

function namespaceOf(ctx: ProviderContext): string {
  return ctx.settings?.ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE || ctx.run.namespace;
}

const jobsPath = (ns: string, name?: string) =>
  `/apis/batch/v1/namespaces/${encodeURIComponent(ns)}/jobs${name ? `/${encodeURIComponent(name)}` : ''}`;

/** `<run uid>.<metric (≤63)>.<n>` (spec §1.10): unique per measurement, so a retry finds its own Job. */
export function jobName(runUid: string, metric: string, attempt: number): string {
  return `${runUid}.${metric.slice(0, 63)}.${attempt}`.toLowerCase();
}

async function status(ctx: ProviderContext, ns: string, name: string): Promise<ProviderOutcome> {
  const kube = kubeOf(ctx);
  const job = await kube.get<JobObject | null>(jobsPath(ns, name));
  if (!isJobNamed(job, name))
    return {
      kind: 'error',
      message: `the Kubernetes API answered job ${name} with something that is not that Job`,
    };
  const cond = job.status?.conditions?.find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  const metadata = { 'job-name': name, 'job-namespace': ns };
  if (cond?.type === 'Complete')
    return { kind: 'decided', phase: 'Successful', value: '', metadata };
  if (cond?.type === 'Failed')
    return {
      kind: 'decided',
      phase: 'Failed',
      message: cond.message ?? cond.reason ?? 'Job failed',
      metadata,
    };
  // A pod that can never pull its image will not finish: Inconclusive, as upstream decides.
  const pods = await kube.list<{
    status?: { containerStatuses?: Array<{ state?: { waiting?: { reason?: string } } }> };
  }>(`/api/v1/namespaces/${encodeURIComponent(ns)}/pods`, { labelSelector: `job-name=${name}` });
  const stuck = pods.items
    .flatMap((p) => p.status?.containerStatuses ?? [])
    .map((c) => c.state?.waiting?.reason)
    .find((r) => r && STUCK.has(r));
  if (stuck)
    return {
      kind: 'decided',
      phase: 'Inconclusive',
      message: `job pod is stuck in ${stuck}`,
      metadata,
    };
  return { kind: 'pending', resumeAt: ctx.now + POLL_MS, metadata };
}

/** Creates this measurement's Job (an existing one is this measurement's own, from an earlier try). */
async function createJob(ctx: ProviderContext, metric: Metric): Promise<ProviderOutcome> {
  const parsed = parseJobConfig(metric);
  if (!parsed.ok) return { kind: 'error', message: parsed.message };
  const config = parsed.value;
  const ns = namespaceOf(ctx);
  const name = jobName(ctx.run.uid, metric.name, ctx.attempt ?? 1);
  const body = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: ns,
      labels: { ...config.labels, 'analysisrun.argoproj.io/uid': ctx.run.uid },
      annotations: {
        ...config.annotations,
        'analysisrun.argoproj.io/name': ctx.run.name,
        'analysisrun.argoproj.io/namespace': ctx.run.namespace,
        'analysisrun.argoproj.io/metric-name': metric.name,
      },
      ...(ns === ctx.run.namespace
        ? {
            ownerReferences: [
              {
                apiVersion: 'argoproj.io/v1alpha1',
                kind: 'AnalysisRun',
                name: ctx.run.name,
                uid: ctx.run.uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          }
        : {}),
    },
    spec: config.spec,
  };
  try {
    const created = await kubeOf(ctx).create<JobObject | null>(jobsPath(ns), body);
    if (!isJobNamed(created, name))
      return {
        kind: 'error',
        message: `could not create job: the Kubernetes API answered with something that is not job ${name}`,
      };
  } catch (e) {
    if (!(e instanceof KubeApiError && e.isAlreadyExists))
      return { kind: 'error', message: `could not create job: ${messageOf(e)}` };
  }
  return {
    kind: 'pending',
    resumeAt: ctx.now + POLL_MS,
    metadata: { 'job-name': name, 'job-namespace': ns },
  };
}

/**
 * The `job` provider (spec §2.7): runs a Kubernetes Job per measurement and waits for it.
 * Complete ⇒ Successful, Failed (incl. activeDeadlineSeconds) ⇒ Failed, a pod stuck pulling its
 * image ⇒ Inconclusive; terminating the run deletes the Job.
 */
export const job: MetricProvider = {
  type: 'job',
  run(ctx, metric: Metric): Promise<ProviderOutcome> {
    return guardMeasurement('job', new SecretList(), () => createJob(ctx, metric));
  },
  async resume(ctx, _metric, metadata) {
    const name = metadata['job-name'];
    if (!name) return { kind: 'error', message: 'job measurement lost its job name' };
    try {
      return await status(ctx, metadata['job-namespace'] ?? namespaceOf(ctx), name);
    } catch (e) {
      if (e instanceof KubeApiError && e.isNotFound)
        return { kind: 'decided', phase: 'Inconclusive', message: `job ${name} was deleted` };
      return { kind: 'error', message: `could not read job ${name}: ${messageOf(e)}` };
    }
  },
  async terminate(ctx, _metric, metadata) {
    const name = metadata['job-name'];
    if (name)
      await kubeOf(ctx).delete(jobsPath(metadata['job-namespace'] ?? namespaceOf(ctx), name), {
        propagationPolicy: 'Background',
      });
  },
};
