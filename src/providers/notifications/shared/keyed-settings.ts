import { buildRedactor, type Redact } from '../../../domain/redaction.js';
import { isHttpUrl, SettingsReader } from './settings-reader.js';

/** A service that picks a key by recipient and posts to one API (`pagerdutyv2`, `opsgenie`). */
export interface KeyedApiSettings {
  /** Base URL of the API, no trailing slash. */
  apiURL: string;
  keys: Record<string, string>;
  redact: Redact;
}

/**
 * Reads `<keysField>: {<recipient>: key}` and an optional base URL. Upstream's Opsgenie takes a
 * host (`api.eu.opsgenie.com`): a value without a scheme is read as https.
 */
export function parseKeyedApiSettings(
  raw: Record<string, unknown>,
  fields: { keys: string; url: string; defaultUrl: string },
): { settings: KeyedApiSettings } | { problems: string[] } {
  const read = new SettingsReader(raw);
  const keys = read.stringMap(fields.keys, { required: true });
  const given = read.string(fields.url);
  let apiURL = fields.defaultUrl;
  if (given !== undefined) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `https://${given}`;
    if (isHttpUrl(withScheme)) apiURL = withScheme.replace(/\/+$/, '');
    else read.problems.push(`\`${fields.url}\` must be a host or an absolute http(s) URL`);
  }
  return read.result({ apiURL, keys, redact: buildRedactor(Object.values(keys)) });
}
