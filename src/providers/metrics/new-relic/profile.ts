import { isHttpUrl } from '../shared/http.js';
import { fail, ok, type Step } from '../shared/outcome.js';
import type { ProviderContext } from '../types.js';

/** NerdGraph endpoints per region, as newrelic-client-go knows them. */
export const NERDGRAPH_URLS: Readonly<Record<string, string>> = {
  us: 'https://api.newrelic.com/graphql',
  eu: 'https://api.eu.newrelic.com/graphql',
};

export interface NewRelicProfile {
  apiKey: string;
  accountId: number;
  /** The NerdGraph URL: the region's, or `base-url-nerdgraph` (a proxy). */
  endpoint: string;
}

/**
 * The account profile Secret: `personal-api-key`, `account-id`, optional `region` (us|eu, default
 * us) and `base-url-nerdgraph`. `base-url-rest` is accepted and unused: only NerdGraph is called.
 */
export async function loadNewRelicProfile(
  ctx: ProviderContext,
  name: string,
): Promise<Step<NewRelicProfile>> {
  const { secret } = ctx;
  if (!secret) return fail(`cannot read secret "${name}": no secret access configured`);
  const read = (key: string) => secret(name, key);
  const [apiKey, accountText, region, nerdgraph] = await Promise.all([
    read('personal-api-key'),
    read('account-id'),
    read('region'),
    read('base-url-nerdgraph'),
  ]);
  if (!apiKey || !accountText)
    return fail(
      `account ID or personal API key not found: secret "${name}" needs keys personal-api-key and account-id`,
    );
  const accountId = Number(accountText.trim());
  if (!/^\d+$/.test(accountText.trim()) || !Number.isSafeInteger(accountId))
    return fail(`could not parse account ID ${JSON.stringify(accountText)} from secret "${name}"`);
  const regionUrl = NERDGRAPH_URLS[(region || 'us').trim().toLowerCase()];
  if (!regionUrl)
    return fail(
      `unknown New Relic region ${JSON.stringify(region)} in secret "${name}": use us or eu`,
    );
  if (nerdgraph && !isHttpUrl(nerdgraph))
    return fail(
      `base-url-nerdgraph ${JSON.stringify(nerdgraph)} in secret "${name}" is not an http(s) URL`,
    );
  return ok({ apiKey, accountId, endpoint: nerdgraph || regionUrl });
}
