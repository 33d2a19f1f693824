import type { Metric } from '../../../domain/analysis.js';
import { ConfigReader } from '../shared/config.js';
import { isRecord } from '../shared/json.js';
import { parseGoDurationMs } from '../../../domain/go-duration.js';
import type { Step } from '../shared/outcome.js';

/** One `MetricDataQuery` in the shape GetMetricData takes on the wire (PascalCase). */
export interface MetricDataQuery {
  Id: string;
  Expression?: string;
  Label?: string;
  MetricStat?: {
    Metric: {
      Namespace?: string;
      MetricName?: string;
      Dimensions?: Array<{ Name: string; Value: string }>;
    };
    Period?: number;
    Stat?: string;
    Unit?: string;
  };
  Period?: number;
  ReturnData?: boolean;
}

/** `provider.cloudWatch` (spec §2.7). */
export interface CloudWatchConfig {
  /** The window ending now (`interval`, default 5m). */
  intervalMs: number;
  queries: MetricDataQuery[];
}

export function parseCloudWatchConfig(metric: Metric): Step<CloudWatchConfig> {
  const opened = ConfigReader.forMetric(metric, 'cloudWatch');
  if (!opened.ok) return opened;
  const r = opened.value;
  const intervalText = r.string('interval') ?? '5m';
  const intervalMs = parseGoDurationMs(intervalText);
  if (intervalMs === undefined || intervalMs <= 0)
    r.problem('interval', `${JSON.stringify(intervalText)} is not a positive duration`);
  const raw = r.raw('metricDataQueries');
  if (!Array.isArray(raw) || raw.length === 0)
    r.problem('metricDataQueries', 'must list at least one query');
  const queries = Array.isArray(raw)
    ? raw.map((q: unknown, i) => readQuery(r, q, `metricDataQueries[${i}]`))
    : [];
  return r.finish<CloudWatchConfig>('cloudWatch', { intervalMs: intervalMs ?? 0, queries });
}

function readQuery(r: ConfigReader, raw: unknown, where: string): MetricDataQuery {
  const q = isRecord(raw) ? raw : {};
  if (!isRecord(raw)) r.problem(where, 'must be an object');
  const text = (obj: Record<string, unknown>, key: string, path: string): string | undefined => {
    const v = obj[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') return r.problem(`${path}.${key}`, 'must be a string');
    return v;
  };
  const id = text(q, 'id', where);
  if (id === undefined) r.problem(`${where}.id`, 'is required');
  const expression = text(q, 'expression', where);
  const stat = objectAt(r, q, 'metricStat', where);
  if (!expression && !stat) r.problem(where, 'needs metricStat or expression');
  const out: MetricDataQuery = { Id: id ?? '' };
  if (expression) out.Expression = expression;
  const label = text(q, 'label', where);
  if (label) out.Label = label;
  if (stat) {
    const at = `${where}.metricStat`;
    const metric = objectAt(r, stat, 'metric', at) ?? {};
    const dims = metric['dimensions'];
    if (
      dims !== undefined &&
      !(
        Array.isArray(dims) &&
        dims.every(
          (d) => isRecord(d) && typeof d['name'] === 'string' && typeof d['value'] === 'string',
        )
      )
    ) {
      r.problem(`${at}.metric.dimensions`, 'must be a list of {name, value}');
    }
    const namespace = text(metric, 'namespace', `${at}.metric`);
    const metricName = text(metric, 'metricName', `${at}.metric`);
    const dimensions = Array.isArray(dims)
      ? (dims as Array<Record<string, string>>).map((d) => ({
          Name: d['name'] ?? '',
          Value: d['value'] ?? '',
        }))
      : undefined;
    const period = readPeriod(r, stat['period'], `${at}.period`);
    const statName = text(stat, 'stat', at);
    const unit = text(stat, 'unit', at);
    out.MetricStat = {
      Metric: {
        ...(namespace ? { Namespace: namespace } : {}),
        ...(metricName ? { MetricName: metricName } : {}),
        ...(dimensions ? { Dimensions: dimensions } : {}),
      },
      ...(period !== undefined ? { Period: period } : {}),
      ...(statName ? { Stat: statName } : {}),
      ...(unit ? { Unit: unit } : {}),
    };
  }
  const period = readPeriod(r, q['period'], `${where}.period`);
  if (period !== undefined) out.Period = period;
  if (typeof q['returnData'] === 'boolean') out.ReturnData = q['returnData'];
  else if (q['returnData'] !== undefined && q['returnData'] !== null)
    r.problem(`${where}.returnData`, 'must be a boolean');
  return out;
}

/** `obj[key]` when it is an object; undefined when absent, and a problem when it is something else. */
function objectAt(
  r: ConfigReader,
  obj: Record<string, unknown>,
  key: string,
  path: string,
): Record<string, unknown> | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (isRecord(v)) return v;
  return r.problem(`${path}.${key}`, 'must be an object');
}

/** An int-or-string number of seconds (`60` or `"60"`). */
function readPeriod(r: ConfigReader, v: unknown, path: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0)
    return r.problem(path, `${JSON.stringify(v)} is not a whole number of seconds`);
  return n;
}
