import type { Metric } from '../../../domain/analysis.js';
import { readOAuth2, type OAuth2Config } from '../shared/auth.js';
import { ConfigReader, type HeaderEntry } from '../shared/config.js';
import { parseGoDurationMs } from '../../../domain/go-duration.js';
import { isHttpUrl } from '../shared/http.js';
import type { Step } from '../shared/outcome.js';

export const ADDRESS_SETTING = 'ARGO_ROLLOUTS_PROMETHEUS_ADDRESS';
export const DEFAULT_TIMEOUT_SECONDS = 30;

export interface PrometheusConfig {
  address: string;
  query: string;
  timeoutMs: number;
  headers: HeaderEntry[];
  /** Accepted, not honoured: `fetch` cannot skip TLS verification (see the web provider). */
  insecure: boolean;
  basicAuth?: { username: string; password: string };
  oauth2?: OAuth2Config;
  /** Present for `query_range`; start/end are still expressions, evaluated with `now` when building the request. */
  range?: { start: string; end: string; stepMs: number };
}

/** `metric.provider.prometheus` (spec §2.7), with the controller-wide address as fallback. */
export function parsePrometheusConfig(
  metric: Metric,
  settings: Record<string, string> = {},
): Step<PrometheusConfig> {
  const opened = ConfigReader.forMetric(metric, 'prometheus');
  if (!opened.ok) return opened;
  const r = opened.value;
  const own = r.string('address');
  const address = own ?? settings[ADDRESS_SETTING] ?? '';
  if (address === '')
    r.problem(
      'address',
      `is not configured (set it on the metric or the ${ADDRESS_SETTING} setting)`,
    );
  else if (!isHttpUrl(address))
    r.problem('address', `${JSON.stringify(address)} is not an http(s) URL`);
  const query = r.string('query', true) ?? '';
  const timeout = r.number('timeout');
  if (timeout !== undefined && timeout < 0) r.problem('timeout', 'should not be negative');
  const headers = r.headers();
  const insecure = r.boolean('insecure') ?? false;

  const auth = r.child('authentication');
  const oauth2 = readOAuth2(auth);
  const basic = auth?.child('basicAuth');
  const basicAuth = basic
    ? { username: basic.string('username') ?? '', password: basic.string('password') ?? '' }
    : undefined;
  // Upstream signs for Amazon Managed Prometheus whenever the address names an AMP workspace.
  if (auth?.has('sigv4') || address.includes('aps-workspaces')) {
    r.problem(
      'authentication.sigv4',
      'is not supported (Amazon Managed Prometheus needs AWS SigV4 signing, which is not implemented)',
    );
  }

  const rq = r.child('rangeQuery');
  let range: PrometheusConfig['range'];
  if (rq) {
    const start = rq.string('start', true) ?? '';
    const end = rq.string('end', true) ?? '';
    const stepText = rq.string('step', true);
    const stepMs = stepText === undefined ? undefined : parseGoDurationMs(stepText);
    if (stepText !== undefined && (stepMs === undefined || stepMs <= 0))
      rq.problem('step', `${JSON.stringify(stepText)} is not a positive duration`);
    range = { start, end, stepMs: stepMs ?? 0 };
  }

  return r.finish<PrometheusConfig>('prometheus', {
    address,
    query,
    timeoutMs: (timeout === undefined || timeout === 0 ? DEFAULT_TIMEOUT_SECONDS : timeout) * 1000,
    headers,
    insecure,
    ...(basicAuth ? { basicAuth } : {}),
    ...(oauth2 ? { oauth2 } : {}),
    ...(range ? { range } : {}),
  });
}
