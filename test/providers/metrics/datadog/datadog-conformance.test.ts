import { datadog } from '../../../../src/providers/metrics/datadog/index.js';
import {
  runMetricProviderConformance,
  type Answer,
  type SeenRequest,
} from '../conformance.case.js';

const SETTINGS = {
  DD_API_KEY: 'Zq8-DdApiK/+=&"a" 8',
  DD_APP_KEY: 'Zq9-DdAppK/+=&"b" 9',
  DD_ADDRESS: 'https://dd.conformance.test',
};
const SECRET_API_KEY = 'Zr1-SecApi/+=&"a" 1';
const SECRET_APP_KEY = 'Zr2-SecApp/+=&"b" 2';

/** v1: one series with a point (its `scope` holds the note); v2: a grouped scalar whose group tag is the note. */
function answer(request: SeenRequest, note: string): Answer {
  if (request.url.includes('/api/v1/'))
    return {
      body: JSON.stringify({
        status: 'ok',
        series: [{ scope: note, pointlist: [[1_700_000_000_000, 0.5]] }],
      }),
    };
  const columns = [
    { name: 'env', type: 'group', values: [[note]] },
    { name: 'query', type: 'number', values: [0.5] },
  ];
  return { body: JSON.stringify({ data: { type: 'scalar_response', attributes: { columns } } }) };
}

const brokenConfigs = [
  { config: { apiVersion: 'v3', query: 'x' }, problem: 'apiVersion "v3" must be v1 or v2' },
  { config: { apiVersion: 'v1' }, problem: 'query is required' },
  { config: { apiVersion: 'v2', queries: { a: 'x', b: 'y' } }, problem: 'formula is required' },
  { config: { query: 'x', interval: 'soon' }, problem: 'interval' },
  { config: { query: 'x', aggregator: 'median' }, problem: 'aggregator' },
];

runMetricProviderConformance({
  provider: datadog,
  variant: 'v1, keys from DD_API_KEY and DD_APP_KEY',
  config: { apiVersion: 'v1', query: 'avg:requests.error_rate{service:checkout}', interval: '5m' },
  settings: SETTINGS,
  credentials: [],
  answer,
  brokenConfigs,
});

runMetricProviderConformance({
  provider: datadog,
  variant: 'v2, keys from a namespaced Secret',
  config: {
    apiVersion: 'v2',
    queries: { a: 'sum:errors{*} by {env}', b: 'sum:hits{*} by {env}' },
    formula: 'a / b',
    secretRef: { name: 'dd-keys', namespaced: true },
  },
  secrets: {
    'dd-keys': {
      'api-key': SECRET_API_KEY,
      'app-key': SECRET_APP_KEY,
      address: 'https://dd-eu.conformance.test',
    },
  },
  credentials: [SECRET_API_KEY, SECRET_APP_KEY],
  answer,
  brokenConfigs: [],
});
