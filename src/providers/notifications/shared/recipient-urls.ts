import { buildRedactor, type Redact } from '../../../domain/redaction.js';
import { SettingsReader, urlSecrets } from './settings-reader.js';

/** A service whose recipients are names of webhook URLs (`teams`, `googlechat`). */
export interface RecipientUrlSettings {
  urls: Record<string, string>;
  /** Read for compatibility, not honoured: `fetch` on Workers cannot skip certificate checks. */
  insecureSkipVerify: boolean;
  /** The URLs are the credentials: anyone holding one can post. */
  redact: Redact;
}

/** Reads `<key>: {<recipient>: url}` (Teams `recipientUrls`, Google Chat `webhooks`). */
export function parseRecipientUrls(
  raw: Record<string, unknown>,
  key: string,
): { settings: RecipientUrlSettings } | { problems: string[] } {
  const read = new SettingsReader(raw);
  const urls = read.stringMap(key, { required: true, urls: true });
  const insecureSkipVerify = read.boolean('insecureSkipVerify');
  return read.result({
    urls,
    insecureSkipVerify,
    redact: buildRedactor(Object.values(urls).flatMap(urlSecrets)),
  });
}
