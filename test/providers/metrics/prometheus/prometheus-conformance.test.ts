import { prometheus } from '../../../../src/providers/metrics/prometheus/index.js';
import {
  runMetricProviderConformance,
  type Answer,
  type SeenRequest,
} from '../conformance.case.js';

const ADDRESS = 'https://prometheus.conformance.test/prom';
const HEADER_TOKEN = 'Zq1-HdrT0k/+=&"h" 1';
const PASSWORD = 'Zq2-Pa55w/+=&"p" 2';
const CLIENT_SECRET = 'Zq3-Cl1Sec/+=&"c" 3';
const ISSUED_TOKEN = 'Zq4-Issu3d/+=&"t" 4';

/** A vector answer with one sample; Prometheus's own `warnings` carry the server's note. */
function answer(request: SeenRequest, note: string): Answer {
  if (request.url.endsWith('/oauth/token'))
    return {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ access_token: ISSUED_TOKEN, token_type: 'bearer' }),
    };
  const data = {
    resultType: 'vector',
    result: [{ metric: { app: 'checkout' }, value: [1_700_000_000, '0.95'] }],
  };
  return {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'success', data, warnings: [note] }),
  };
}

const query = 'sum(rate(http_requests_total{code!~"5.."}[5m]))';
const brokenConfigs = [
  { config: { address: ADDRESS }, problem: 'query is required' },
  { config: { query: 'up' }, problem: 'address is not configured' },
  { config: { address: 'prometheus:9090', query }, problem: 'is not an http(s) URL' },
  { config: { address: ADDRESS, query, timeout: -1 }, problem: 'timeout should not be negative' },
  {
    config: {
      address: ADDRESS,
      query,
      rangeQuery: { start: 'now()', end: 'now()', step: 'often' },
    },
    problem: 'rangeQuery.step',
  },
];

runMetricProviderConformance({
  provider: prometheus,
  variant: 'sensitive header',
  config: {
    address: ADDRESS,
    query,
    timeout: 20,
    headers: [
      { key: 'Authorization', value: `Bearer ${HEADER_TOKEN}` },
      { key: 'X-Scope-OrgID', value: 'tenant-a' },
    ],
  },
  credentials: [HEADER_TOKEN],
  answer,
  brokenConfigs,
});

runMetricProviderConformance({
  provider: prometheus,
  variant: 'basic auth, address from ARGO_ROLLOUTS_PROMETHEUS_ADDRESS',
  config: { query, authentication: { basicAuth: { username: 'reader', password: PASSWORD } } },
  settings: { ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: ADDRESS },
  credentials: [PASSWORD],
  answer,
  brokenConfigs: [],
});

runMetricProviderConformance({
  provider: prometheus,
  variant: 'OAuth2 client credentials, range query',
  config: {
    address: ADDRESS,
    query,
    rangeQuery: { start: 'now() - duration("5m")', end: 'now()', step: '1m' },
    authentication: {
      oauth2: {
        tokenUrl: 'https://sso.conformance.test/oauth/token',
        clientId: 'rollouts',
        clientSecret: CLIENT_SECRET,
        scopes: ['read'],
      },
    },
  },
  credentials: [CLIENT_SECRET, ISSUED_TOKEN],
  answer: (request, note) => {
    if (request.url.endsWith('/oauth/token')) return answer(request, note);
    const data = {
      resultType: 'matrix',
      result: [
        {
          metric: {},
          values: [
            [1_699_999_700, '0.9'],
            [1_700_000_000, '1'],
          ],
        },
      ],
    };
    return { body: JSON.stringify({ status: 'success', data, warnings: [note] }) };
  },
  brokenConfigs: [
    {
      config: { address: ADDRESS, query, authentication: { oauth2: { clientId: 'x' } } },
      problem: 'authentication.oauth2.tokenUrl is required',
    },
  ],
});
