import type { AnalysisRun } from '../../domain/index.js';
import { analysisIcon } from './icons.js';
import { buildObjectInfo, isOwnedBy, revisionOf } from './object-info.js';
import type { AnalysisRunInfo, JobInfo } from './types.js';

/** The measurement metadata keys the job provider records its Job under (providers/metrics/job). */
const JOB_NAME_KEY = 'job-name';

/**
 * The AnalysisRuns owned by `ownerUid`: phase, measurement counts over all metrics, and the Jobs the
 * job provider ran. Newest revision first, then oldest first, then by name descending, as upstream
 * orders them.
 */
export function buildAnalysisRunInfos(
  ownerUid: string | undefined,
  runs: readonly AnalysisRun[],
  now: number,
): AnalysisRunInfo[] {
  const infos = runs
    .filter((r) => isOwnedBy(r.metadata, ownerUid))
    .map((r) => analysisRunInfo(r, now));
  return infos.sort((a, b) => {
    if (a.revision !== b.revision) return b.revision - a.revision;
    const ta = a.createdAt ?? '';
    const tb = b.createdAt ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
  });
}

function analysisRunInfo(run: AnalysisRun, now: number): AnalysisRunInfo {
  const info: AnalysisRunInfo = {
    ...buildObjectInfo(run.metadata, now),
    status: run.status?.phase ?? '',
    icon: analysisIcon(run.status?.phase),
    revision: revisionOf(run.metadata),
    successful: 0,
    failed: 0,
    inconclusive: 0,
    error: 0,
    jobs: [],
  };
  for (const result of run.status?.metricResults ?? []) {
    info.successful += result.successful ?? 0;
    info.failed += result.failed ?? 0;
    info.inconclusive += result.inconclusive ?? 0;
    info.error += result.error ?? 0;
    for (const m of result.measurements ?? []) {
      const job = m.metadata?.[JOB_NAME_KEY];
      if (!job) continue;
      const started = m.startedAt ? Date.parse(m.startedAt) : NaN;
      const jobInfo: JobInfo = {
        name: job,
        namespace: m.metadata?.['job-namespace'] ?? info.namespace,
        ...(m.startedAt ? { createdAt: m.startedAt } : {}),
        ...(Number.isNaN(started) ? {} : { ageSeconds: Math.floor((now - started) / 1000) }),
        status: m.phase,
        icon: analysisIcon(m.phase),
      };
      info.jobs.push(jobInfo);
    }
  }
  return info;
}
