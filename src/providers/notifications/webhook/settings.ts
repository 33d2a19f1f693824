import { buildRedactor, type Redact } from '../../../domain/redaction.js';
import { SettingsReader, urlSecrets } from '../shared/settings-reader.js';

export interface WebhookHeader {
  name: string;
  value: string;
}

export interface WebhookSettings {
  url: string;
  headers: WebhookHeader[];
  basicAuth?: { username: string; password: string };
  /**
   * Read for compatibility and not honoured: `fetch` on Workers cannot skip certificate checks,
   * and one rule on both runtimes beats a Node-only hole.
   */
  insecureSkipVerify: boolean;
  redact: Redact;
}

/** Header values that describe the body rather than authenticate: not masked in reasons. */
const PLAIN_HEADERS = new Set(['content-type', 'accept', 'user-agent', 'content-encoding']);

/** `service.webhook.<name>`: `url`, `headers: [{name, value}]`, `basicAuth`, `insecureSkipVerify`. */
export function parseWebhookSettings(
  raw: Record<string, unknown>,
): { settings: WebhookSettings } | { problems: string[] } {
  const read = new SettingsReader(raw);
  const url = read.url('url', { required: true }) ?? '';
  const headers = readHeaders(read.value('headers'), read.problems);
  const basicAuth = readBasicAuth(read.value('basicAuth'), read.problems);
  const insecureSkipVerify = read.boolean('insecureSkipVerify');
  const secrets = [
    ...urlSecrets(url),
    ...headers.filter((h) => !PLAIN_HEADERS.has(h.name.toLowerCase())).map((h) => h.value),
    basicAuth?.password,
  ];
  return read.result({
    url,
    headers,
    basicAuth,
    insecureSkipVerify,
    redact: buildRedactor(secrets),
  });
}

function readHeaders(value: unknown, problems: string[]): WebhookHeader[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push('`headers` must be a list of {name, value}');
    return [];
  }
  return value.flatMap((entry: unknown, i): WebhookHeader[] => {
    const h = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const name = h['name'];
    const headerValue = typeof h['value'] === 'number' ? String(h['value']) : h['value'];
    if (typeof name !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      problems.push(`\`headers[${i}].name\` must be an HTTP header name`);
      return [];
    }
    if (typeof headerValue !== 'string' || /[\r\n]/.test(headerValue)) {
      problems.push(`\`headers[${i}].value\` (${name}) must be a single-line string`);
      return [];
    }
    return [{ name, value: headerValue }];
  });
}

function readBasicAuth(
  value: unknown,
  problems: string[],
): { username: string; password: string } | undefined {
  if (value === undefined || value === null) return undefined;
  const auth = (typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const { username, password } = auth;
  if (typeof username !== 'string' || typeof password !== 'string') {
    problems.push('`basicAuth` must have a string `username` and `password`');
    return undefined;
  }
  return { username, password };
}
