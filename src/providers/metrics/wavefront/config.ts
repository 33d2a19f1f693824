import type { Metric } from '../../../domain/analysis.js';
import { ConfigReader } from '../shared/config.js';
import type { Step } from '../shared/outcome.js';

export const TOKENS_SECRET = 'wavefront-api-tokens';

/** `provider.wavefront` (spec §2.7). */
export interface WavefrontConfig {
  /** As written: it is also the key of the token in the tokens Secret. */
  address: string;
  query: string;
}

export function parseWavefrontConfig(metric: Metric): Step<WavefrontConfig> {
  const opened = ConfigReader.forMetric(metric, 'wavefront');
  if (!opened.ok) return opened;
  const r = opened.value;
  const address = r.string('address', true) ?? '';
  const query = r.string('query', true) ?? '';
  if (address !== '' && !isAddress(address))
    r.problem('address', `${JSON.stringify(address)} is not a host or http(s) URL`);
  return r.finish<WavefrontConfig>('wavefront', { address, query });
}

/** The API base: `example.wavefront.com` means https, as go-wavefront does; an explicit scheme is kept. */
export function wavefrontBaseUrl(address: string): string {
  const withScheme = /^https?:\/\//i.test(address) ? address : `https://${address}`;
  return withScheme.replace(/\/+$/, '');
}

function isAddress(address: string): boolean {
  try {
    return new URL(wavefrontBaseUrl(address)).host !== '';
  } catch {
    return false;
  }
}
