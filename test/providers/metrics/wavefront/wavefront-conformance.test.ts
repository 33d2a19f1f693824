import { wavefront } from '../../../../src/providers/metrics/wavefront/index.js';
import { runMetricProviderConformance } from '../conformance.case.js';

const ADDRESS = 'wavefront.conformance.test';
const TOKEN = 'Zr4-WfT0k/+=&"w" 4';

runMetricProviderConformance({
  provider: wavefront,
  config: { address: ADDRESS, query: 'sum(rate(ts(requests.errors, app="checkout")))' },
  secrets: { 'wavefront-api-tokens': { [ADDRESS]: TOKEN } },
  credentials: [TOKEN],
  answer: (_request, note) => ({
    body: JSON.stringify({
      timeseries: [{ label: 'errors', data: [[1_700_000_000, 0.25]] }],
      warnings: note,
    }),
  }),
  brokenConfigs: [
    { config: { query: 'ts(x)' }, problem: 'address is required' },
    { config: { address: ADDRESS }, problem: 'query is required' },
    { config: { address: 'elsewhere.test', query: 'ts(x)' }, problem: 'API token not found' },
  ],
});
