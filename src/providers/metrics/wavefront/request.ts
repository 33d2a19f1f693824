import type { HttpRequest } from '../shared/http.js';
import { wavefrontBaseUrl, type WavefrontConfig } from './config.js';

/**
 * `GET /api/v2/chart/api` for the single instant `now` (start = end), one point per series
 * (`p=1`), second granularity, and series whose points lie outside that instant included
 * (`i=true`): without it an instant query rarely finds a point.
 */
export function buildChartRequest(
  config: WavefrontConfig,
  token: string,
  nowMs: number,
): HttpRequest {
  const instant = String(Math.floor(nowMs / 1000) * 1000);
  const params = new URLSearchParams({
    q: config.query,
    s: instant,
    e: instant,
    g: 's',
    p: '1',
    i: 'true',
  });
  return {
    url: `${wavefrontBaseUrl(config.address)}/api/v2/chart/api?${params.toString()}`,
    method: 'GET',
    headers: new Headers({ Authorization: `Bearer ${token}`, Accept: 'application/json' }),
  };
}
