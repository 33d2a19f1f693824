import type { Metric } from '../../../domain/analysis.js';
import { ConfigReader } from '../shared/config.js';
import { isRecord } from '../shared/json.js';
import type { Step } from '../shared/outcome.js';

/** `metric.provider.job` (spec §2.7): the Job's labels, annotations and spec, checked before anything is created. */
export interface JobConfig {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: Record<string, unknown>;
}

export function parseJobConfig(metric: Metric): Step<JobConfig> {
  const opened = ConfigReader.forMetric(metric, 'job');
  if (!opened.ok) return opened;
  const r = opened.value;
  const spec = r.raw('spec');
  if (!isRecord(spec))
    r.problem(
      'spec',
      spec === undefined || spec === null ? 'is required' : 'must be an object (a Job spec)',
    );
  const metadata = r.child('metadata');
  return r.finish<JobConfig>('job', {
    labels: stringMap(metadata, 'labels'),
    annotations: stringMap(metadata, 'annotations'),
    spec: isRecord(spec) ? spec : {},
  });
}

function stringMap(r: ConfigReader | undefined, key: string): Record<string, string> {
  const v = r?.raw(key);
  if (v === undefined || v === null) return {};
  if (!isRecord(v) || !Object.values(v).every((s) => typeof s === 'string'))
    return r?.problem(key, 'must map names to strings') ?? {};
  return v as Record<string, string>;
}
