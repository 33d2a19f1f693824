import { VERSION } from '../../../version.js';
import type { HttpRequest } from '../shared/http.js';
import type { NewRelicConfig } from './config.js';
import type { NewRelicProfile } from './profile.js';

/** NRQL through NerdGraph, passed as variables so the query text needs no GraphQL escaping. */
export const NRQL_DOCUMENT =
  'query NrqlQuery($accountId: Int!, $query: Nrql!, $timeout: Seconds) { actor { account(id: $accountId) { nrql(query: $query, timeout: $timeout) { results } } } }';

export function buildNerdGraphRequest(
  config: NewRelicConfig,
  profile: NewRelicProfile,
): HttpRequest {
  return {
    url: profile.endpoint,
    method: 'POST',
    headers: new Headers({
      'API-Key': profile.apiKey,
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'User-Agent': `serverless-rollouts/${VERSION}`,
    }),
    body: JSON.stringify({
      query: NRQL_DOCUMENT,
      variables: {
        accountId: profile.accountId,
        query: config.query,
        timeout: config.timeoutSeconds,
      },
    }),
  };
}
