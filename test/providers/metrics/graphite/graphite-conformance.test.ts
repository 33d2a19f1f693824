import { graphite } from '../../../../src/providers/metrics/graphite/index.js';
import { runMetricProviderConformance } from '../conformance.case.js';

runMetricProviderConformance({
  provider: graphite,
  config: {
    address: 'https://graphite.conformance.test',
    query: 'target=summarize(checkout.errors, "5min", "sum")&from=-5min',
  },
  // Graphite takes no credentials: the query text is the only input, and values are numbers only.
  credentials: [],
  answer: () => ({
    body: JSON.stringify([
      {
        target: 'checkout.errors',
        datapoints: [
          [null, 1_699_999_700],
          [1.5, 1_700_000_000],
        ],
      },
    ]),
  }),
  brokenConfigs: [
    { config: { query: 'target=x' }, problem: 'address is required' },
    {
      config: { address: 'https://graphite.conformance.test', query: 'sumSeries(x)' },
      problem: 'must be a render query string with a target',
    },
  ],
});
