import type { HttpRequest } from '../shared/http.js';
import type { DatadogConfig } from './config.js';
import type { DatadogCredentials } from './credentials.js';

function headers(credentials: DatadogCredentials): Headers {
  return new Headers({
    Accept: 'application/json',
    'Content-Type': 'application/json',
    'DD-API-KEY': credentials.apiKey,
    'DD-APPLICATION-KEY': credentials.appKey,
  });
}

function base(address: string): string {
  return address.replace(/\/+$/, '');
}

/** `GET /api/v1/query?query=…&from=…&to=…`, the window ending now (unix seconds). */
export function buildV1Request(
  config: DatadogConfig,
  credentials: DatadogCredentials,
  nowMs: number,
): HttpRequest {
  const to = Math.floor(nowMs / 1000);
  const params = new URLSearchParams({
    query: config.query,
    from: String(to - config.intervalSeconds),
    to: String(to),
  });
  return {
    url: `${base(credentials.address)}/api/v1/query?${params.toString()}`,
    method: 'GET',
    headers: headers(credentials),
  };
}

/** `POST /api/v2/query/scalar`: each named query reduced by `aggregator`, then the formula if any (unix ms). */
export function buildV2Request(
  config: DatadogConfig,
  credentials: DatadogCredentials,
  nowMs: number,
): HttpRequest {
  const to = Math.floor(nowMs / 1000) * 1000;
  const attributes = {
    from: to - config.intervalSeconds * 1000,
    to,
    queries: Object.entries(config.queries).map(([name, query]) => ({
      data_source: 'metrics',
      name,
      query,
      aggregator: config.aggregator,
    })),
    ...(config.formula ? { formulas: [{ formula: config.formula }] } : {}),
  };
  return {
    url: `${base(credentials.address)}/api/v2/query/scalar`,
    method: 'POST',
    headers: headers(credentials),
    body: JSON.stringify({ data: { type: 'scalar_request', attributes } }),
  };
}
