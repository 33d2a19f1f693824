import type { Metric } from '../../../domain/analysis.js';
import { readOAuth2, type OAuth2Config } from '../shared/auth.js';
import { ConfigReader, type HeaderEntry } from '../shared/config.js';
import { isHttpUrl } from '../shared/http.js';
import { fail, type Step } from '../shared/outcome.js';
import { parseJsonPath, type PathSegment } from './json-path.js';

export const DEFAULT_TIMEOUT_SECONDS = 10;
const METHODS = ['GET', 'POST', 'PUT'] as const;
export type WebMethod = (typeof METHODS)[number];

export interface WebConfig {
  url: string;
  method: WebMethod;
  headers: HeaderEntry[];
  /** The request body: `body` as is, or `jsonBody` serialised. */
  body?: string;
  isJsonBody: boolean;
  timeoutMs: number;
  jsonPath: PathSegment[];
  /**
   * `insecure` is read and accepted but cannot be honoured: `fetch` offers no way to skip TLS
   * verification in Workers (nor in Node without a custom dispatcher), so certificates are always checked.
   */
  insecure: boolean;
  oauth2?: OAuth2Config;
}

/** `metric.provider.web` (spec §2.7), checked before any request is made. */
export function parseWebConfig(metric: Metric): Step<WebConfig> {
  const opened = ConfigReader.forMetric(metric, 'web');
  if (!opened.ok) return opened;
  const r = opened.value;
  const url = r.string('url', true) ?? '';
  if (url && !isHttpUrl(url)) r.problem('url', `${JSON.stringify(url)} is not an http(s) URL`);
  const method = (r.string('method') ?? 'GET') as WebMethod;
  if (!METHODS.includes(method)) r.problem('method', `must be one of ${METHODS.join(', ')}`);
  const headers = r.headers();
  const timeoutSeconds = r.number('timeoutSeconds') ?? 0;
  const jsonPathText = r.string('jsonPath') ?? '{$}';
  const path = parseJsonPath(jsonPathText);
  if (!path.ok) r.problem('jsonPath', path.message.replace(/^jsonPath /, ''));
  const insecure = r.boolean('insecure') ?? false;
  const auth = r.child('authentication');
  const oauth2 = readOAuth2(auth);
  if (auth?.has('sigv4'))
    r.problem('authentication.sigv4', 'is not supported (AWS SigV4 signing is not implemented)');
  const body = r.string('body');
  const hasJsonBody = r.has('jsonBody');
  const config = r.finish<WebConfig>('web', {
    url,
    method,
    headers,
    isJsonBody: hasJsonBody,
    timeoutMs: (timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_TIMEOUT_SECONDS) * 1000,
    jsonPath: path.ok ? path.value : [],
    insecure,
    ...(oauth2 ? { oauth2 } : {}),
  });
  if (!config.ok) return config;
  // Upstream's own wording for these two payload mistakes.
  if (body !== undefined && hasJsonBody)
    return fail('use either Body or JSONBody; both cannot exists for WebMetric payload');
  if ((body !== undefined || hasJsonBody) && method === 'GET')
    return fail('Body/JSONBody can only be used with POST or PUT WebMetric Method types');
  if (body !== undefined) config.value.body = body;
  if (hasJsonBody) config.value.body = JSON.stringify(r.raw('jsonBody'));
  return config;
}
