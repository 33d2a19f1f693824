import { formatFloatV } from '../shared/go-format.js';
import { isRecord, parseJson } from '../shared/json.js';
import { excerpt, fail, ok, type Step } from '../shared/outcome.js';
import type { ProviderOutcome } from '../types.js';

export interface MessageData {
  Code: string;
  Value: string;
}

/** One `MetricDataResult`, what conditions see as `result[i]` (`result[0].Values[0]`). Timestamps in RFC 3339. */
export interface MetricDataResult {
  Id: string;
  Label: string;
  StatusCode: string;
  Timestamps: string[];
  Values: number[];
  Messages: MessageData[];
}

export interface Page {
  results: MetricDataResult[];
  messages: MessageData[];
  nextToken?: string;
}

/** One GetMetricData answer; AWS errors (`__type` + `message`) become messages naming the error. */
export function parseGetMetricDataPage(status: number, body: string): Step<Page> {
  const json = parseJson(body);
  if (status < 200 || status >= 300) {
    const doc = json.ok && isRecord(json.value) ? json.value : {};
    const type = typeof doc['__type'] === 'string' ? doc['__type'].split('#').pop() : undefined;
    const message = doc['message'] ?? doc['Message'];
    const detail = type ? `${type}: ${typeof message === 'string' ? message : ''}` : excerpt(body);
    return fail(`CloudWatch GetMetricData failed with HTTP ${status}: ${detail}`);
  }
  if (!json.ok) return fail(`could not parse CloudWatch response: ${json.message}`);
  const doc = json.value;
  if (!isRecord(doc) || !Array.isArray(doc['MetricDataResults']))
    return fail('unexpected CloudWatch response: MetricDataResults is missing');
  const results: MetricDataResult[] = [];
  for (const [i, raw] of (doc['MetricDataResults'] as unknown[]).entries()) {
    const r = isRecord(raw) ? raw : {};
    const values = r['Values'] ?? [];
    const stamps = r['Timestamps'] ?? [];
    if (!numbers(values) || !numbers(stamps) || typeof r['Id'] !== 'string')
      return fail(`unexpected CloudWatch response: MetricDataResults[${i}] is malformed`);
    results.push({
      Id: r['Id'],
      Label: typeof r['Label'] === 'string' ? r['Label'] : '',
      StatusCode: typeof r['StatusCode'] === 'string' ? r['StatusCode'] : '',
      Timestamps: stamps.map(rfc3339),
      Values: values,
      Messages: messageList(r['Messages']),
    });
  }
  const nextToken =
    typeof doc['NextToken'] === 'string' && doc['NextToken'] !== '' ? doc['NextToken'] : undefined;
  return ok({
    results,
    messages: messageList(doc['Messages']),
    ...(nextToken ? { nextToken } : {}),
  });
}

/** Pages of one query joined: a result's points continue on later pages under the same Id. */
export function mergePages(pages: Page[]): {
  results: MetricDataResult[];
  messages: MessageData[];
} {
  const byId = new Map<string, MetricDataResult>();
  for (const result of pages.flatMap((p) => p.results)) {
    const seen = byId.get(result.Id);
    if (!seen) byId.set(result.Id, { ...result });
    else
      byId.set(result.Id, {
        ...seen,
        StatusCode: result.StatusCode,
        Timestamps: [...seen.Timestamps, ...result.Timestamps],
        Values: [...seen.Values, ...result.Values],
        Messages: [...seen.Messages, ...result.Messages],
      });
  }
  return { results: [...byId.values()], messages: pages.flatMap((p) => p.messages) };
}

/** The list of results; the value reads as upstream's `%+v` of each result's Values (`[[1 2] [3]]`). */
export function buildCloudWatchOutcome(
  results: MetricDataResult[],
  messages: MessageData[],
): ProviderOutcome {
  const value = `[${results.map((r) => `[${r.Values.map(formatFloatV).join(' ')}]`).join(' ')}]`;
  return {
    kind: 'value',
    result: results,
    value,
    ...(messages.length > 0 ? { metadata: { messages: JSON.stringify(messages) } } : {}),
  };
}

function numbers(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((n) => typeof n === 'number');
}

function messageList(v: unknown): MessageData[] {
  if (!Array.isArray(v)) return [];
  return (v as unknown[])
    .filter(isRecord)
    .map((m) => ({ Code: String(m['Code'] ?? ''), Value: String(m['Value'] ?? '') }));
}

/** Epoch seconds (the JSON protocol's timestamps) as RFC 3339, whole seconds without a fraction. */
function rfc3339(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}
