import { web } from '../../../../src/providers/metrics/web/index.js';
import {
  runMetricProviderConformance,
  type Answer,
  type SeenRequest,
} from '../conformance.case.js';

const URL_BASE = 'https://web.conformance.test/api/health';
const API_KEY = 'Zq5-ApiK3y/+=&"k" 5';
const CLIENT_SECRET = 'Zq6-Cl1Sec/+=&"c" 6';
const ISSUED_TOKEN = 'Zq7-Issu3d/+=&"t" 7';

/** `{ data: { successRate, note } }`, the note being what the server says (the jsonPath selects `data`). */
function answer(request: SeenRequest, note: string): Answer {
  if (request.url.endsWith('/oauth/token')) {
    return {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: ISSUED_TOKEN, token_type: 'bearer' }),
    };
  }
  return {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data: { successRate: 0.99, note } }),
  };
}

runMetricProviderConformance({
  provider: web,
  variant: 'POST with a JSON body and an API key header',
  config: {
    url: `${URL_BASE}?window=5m`,
    method: 'POST',
    headers: [
      { key: 'X-Api-Key', value: API_KEY },
      { key: 'X-Tenant', value: 'shop' },
    ],
    jsonBody: { service: 'checkout' },
    jsonPath: '{$.data}',
    timeoutSeconds: 5,
  },
  credentials: [API_KEY],
  answer,
  rawBodyIsValue: true,
  freeFormFields: ['jsonBody'],
  brokenConfigs: [
    { config: { method: 'GET' }, problem: 'url is required' },
    { config: { url: 'web.conformance.test/x' }, problem: 'is not an http(s) URL' },
    {
      config: { url: URL_BASE, method: 'DELETE' },
      problem: 'method must be one of GET, POST, PUT',
    },
    { config: { url: URL_BASE, jsonPath: '{$..data}' }, problem: 'jsonPath' },
    {
      config: { url: URL_BASE, method: 'GET', body: 'x' },
      problem: 'Body/JSONBody can only be used with POST or PUT',
    },
    {
      config: { url: URL_BASE, headers: [{ key: 'X' }, 'Authorization: x'] },
      problem: 'headers[1] must be {key: string, value: string}',
    },
  ],
});

runMetricProviderConformance({
  provider: web,
  variant: 'OAuth2 client credentials',
  config: {
    url: URL_BASE,
    jsonPath: '{$.data}',
    authentication: {
      oauth2: {
        tokenUrl: 'https://sso.conformance.test/oauth/token',
        clientId: 'rollouts',
        clientSecret: CLIENT_SECRET,
      },
    },
  },
  credentials: [CLIENT_SECRET, ISSUED_TOKEN],
  answer,
  // Bodies that are not JSON are values only from the metric's URL: the token endpoint's must be a token.
  brokenConfigs: [
    {
      config: { url: URL_BASE, authentication: { oauth2: { tokenUrl: 'sso', clientId: 'x' } } },
      problem: 'tokenUrl must be an http(s) URL',
    },
  ],
});
