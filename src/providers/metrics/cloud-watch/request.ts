import type { CloudWatchConfig } from './config.js';

/** CloudWatch's AWS JSON 1.0 protocol: one POST to `/`, the operation named in `X-Amz-Target`. */
export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
export const GET_METRIC_DATA_TARGET = 'GraniteServiceVersion20100801.GetMetricData';

export interface UnsignedRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/** GetMetricData over the `interval` ending now (epoch seconds), continuing from `nextToken`. */
export function buildGetMetricDataRequest(
  config: CloudWatchConfig,
  endpoint: string,
  nowMs: number,
  nextToken?: string,
): UnsignedRequest {
  const end = Math.floor(nowMs / 1000);
  const body = {
    StartTime: end - Math.floor(config.intervalMs / 1000),
    EndTime: end,
    MetricDataQueries: config.queries,
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
  return {
    url: `${endpoint.replace(/\/+$/, '')}/`,
    method: 'POST',
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': GET_METRIC_DATA_TARGET },
    body: JSON.stringify(body),
  };
}
