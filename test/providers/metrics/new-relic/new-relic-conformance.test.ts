import { newRelic } from '../../../../src/providers/metrics/new-relic/index.js';
import { runMetricProviderConformance } from '../conformance.case.js';

const API_KEY = 'Zr3-NrK3y/+=&"n" 3';

runMetricProviderConformance({
  provider: newRelic,
  config: {
    profile: 'nr-profile',
    query:
      "FROM Transaction SELECT percentage(count(*), WHERE httpResponseCode != '500') AS successRate",
    timeout: 10,
  },
  secrets: {
    'nr-profile': {
      'personal-api-key': API_KEY,
      'account-id': '1234567',
      region: 'eu',
      'base-url-nerdgraph': 'https://nerdgraph.conformance.test/graphql',
    },
  },
  credentials: [API_KEY],
  answer: (_request, note) => ({
    body: JSON.stringify({
      data: { actor: { account: { nrql: { results: [{ successRate: 99.5, note }] } } } },
    }),
  }),
  brokenConfigs: [
    { config: { profile: 'nr-profile' }, problem: 'query is required' },
    {
      config: { query: 'FROM x SELECT y', timeout: 1.5 },
      problem: 'timeout 1.5 must be a positive whole number of seconds',
    },
    {
      config: { query: 'FROM x SELECT y', profile: 'missing' },
      problem: 'secret "missing" needs keys personal-api-key and account-id',
    },
  ],
});
