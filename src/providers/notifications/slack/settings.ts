import { buildRedactor, type Redact } from '../../../domain/redaction.js';
import { SettingsReader, urlSecrets } from '../shared/settings-reader.js';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api';

/**
 * `service.slack[.<name>]` as upstream has it (`token`, `apiURL`, `username`, `icon`,
 * `signingSecret`, `disableUnfurl`, `insecureSkipVerify`), plus our `webhookURL`: an incoming
 * webhook for teams without a bot. A string sends every recipient to that one channel (the
 * webhook's own); a map `{<recipient>: url}` picks by recipient. With a `token` the bot is used.
 */
export interface SlackSettings {
  token?: string;
  apiURL: string;
  username?: string;
  icon?: string;
  /** Kept for the approval hook (`POST /hooks/slack`), which verifies Slack's signature with it. */
  signingSecret?: string;
  webhookURL?: string | Record<string, string>;
  disableUnfurl: boolean;
  /** Read for compatibility, not honoured: `fetch` on Workers cannot skip certificate checks. */
  insecureSkipVerify: boolean;
  redact: Redact;
}

export function parseSlackSettings(
  raw: Record<string, unknown>,
): { settings: SlackSettings } | { problems: string[] } {
  const read = new SettingsReader(raw);
  const token = read.string('token');
  const apiURL = read.url('apiURL') ?? DEFAULT_SLACK_API_URL;
  const webhookURL = readWebhookURL(read, raw['webhookURL']);
  if (token === undefined && webhookURL === undefined && read.problems.length === 0) {
    read.problems.push(
      'either `token` (a bot token) or `webhookURL` (an incoming webhook) is required',
    );
  }
  const signingSecret = read.string('signingSecret');
  const urls = typeof webhookURL === 'string' ? [webhookURL] : Object.values(webhookURL ?? {});
  const settings: SlackSettings = {
    apiURL,
    disableUnfurl: read.boolean('disableUnfurl'),
    insecureSkipVerify: read.boolean('insecureSkipVerify'),
    redact: buildRedactor([token, signingSecret, ...urls.flatMap(urlSecrets)]),
  };
  if (token !== undefined) settings.token = token;
  const username = read.string('username');
  if (username !== undefined) settings.username = username;
  const icon = read.string('icon');
  if (icon !== undefined) settings.icon = icon;
  if (signingSecret !== undefined) settings.signingSecret = signingSecret;
  if (webhookURL !== undefined) settings.webhookURL = webhookURL;
  return read.result(settings);
}

function readWebhookURL(
  read: SettingsReader,
  value: unknown,
): string | Record<string, string> | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return read.stringMap('webhookURL', { urls: true });
  }
  return read.url('webhookURL');
}
