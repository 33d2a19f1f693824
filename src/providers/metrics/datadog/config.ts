import type { Metric } from '../../../domain/analysis.js';
import { ConfigReader } from '../shared/config.js';
import { parseGoDurationMs } from '../../../domain/go-duration.js';
import { isRecord } from '../shared/json.js';
import type { Step } from '../shared/outcome.js';

/** The `datadog` provider block (spec §2.7), validated and defaulted. */
export interface DatadogConfig {
  apiVersion: 'v1' | 'v2';
  /** v1: the query. */
  query: string;
  /** v2: named queries; a lone `query` is named `query`. */
  queries: Record<string, string>;
  formula?: string;
  /** The query window, whole seconds (`interval`, default 5m). */
  intervalSeconds: number;
  aggregator: string;
  timeoutMs: number;
  secretName: string;
  namespaced: boolean;
}

export const AGGREGATORS = [
  'avg',
  'min',
  'max',
  'sum',
  'last',
  'percentile',
  'mean',
  'l2norm',
  'area',
];
export const DEFAULT_SECRET = 'datadog';

export function parseDatadogConfig(metric: Metric): Step<DatadogConfig> {
  const opened = ConfigReader.forMetric(metric, 'datadog');
  if (!opened.ok) return opened;
  const r = opened.value;
  const apiVersion = r.string('apiVersion') ?? 'v1';
  if (apiVersion !== 'v1' && apiVersion !== 'v2')
    r.problem('apiVersion', `${JSON.stringify(apiVersion)} must be v1 or v2`);
  const intervalMs = readDuration(r, 'interval', '5m');
  const timeoutMs = readDuration(r, 'requestTimeout', '10s');
  const aggregator = r.string('aggregator') ?? 'last';
  if (!AGGREGATORS.includes(aggregator))
    r.problem(
      'aggregator',
      `${JSON.stringify(aggregator)} must be one of ${AGGREGATORS.join(', ')}`,
    );

  const query = nonBlank(r.string('query'));
  const formula = nonBlank(r.string('formula'));
  const queries = readQueries(r);
  const names = Object.keys(queries);
  if (apiVersion === 'v1') {
    if (names.length > 0 || formula) r.problem('queries', 'and formula need apiVersion v2');
    else if (!query) r.problem('query', 'is required');
  } else if (apiVersion === 'v2') {
    if (query && names.length > 0) r.problem('query', 'and queries cannot both be set');
    else if (!query && names.length === 0) r.problem('queries', 'or query is required');
    else if (!formula && names.length > 1)
      r.problem('formula', 'is required when more than one query is given');
  }

  const ref = r.child('secretRef');
  return r.finish<DatadogConfig>('datadog', {
    apiVersion: apiVersion === 'v2' ? 'v2' : 'v1',
    query: query ?? '',
    queries: names.length > 0 ? queries : query ? { query } : {},
    ...(formula ? { formula } : {}),
    intervalSeconds: Math.trunc(intervalMs / 1000),
    aggregator,
    timeoutMs,
    secretName: ref?.string('name') ?? DEFAULT_SECRET,
    namespaced: ref?.boolean('namespaced') ?? false,
  });
}

function nonBlank(text: string | undefined): string | undefined {
  return text !== undefined && text.trim() !== '' ? text : undefined;
}

function readDuration(r: ConfigReader, key: string, fallback: string): number {
  const text = r.string(key) ?? fallback;
  const ms = parseGoDurationMs(text);
  if (ms === undefined || ms < 1000) {
    r.problem(key, `${JSON.stringify(text)} is not a duration of at least 1s`);
    return 0;
  }
  return ms;
}

function readQueries(r: ConfigReader): Record<string, string> {
  const raw = r.raw('queries');
  if (raw === undefined || raw === null) return {};
  const entries = isRecord(raw) ? Object.entries(raw) : undefined;
  if (!entries || !entries.every(([, q]) => typeof q === 'string' && q.trim() !== '')) {
    r.problem('queries', 'must map names to query strings');
    return {};
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
