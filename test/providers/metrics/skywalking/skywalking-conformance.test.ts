import { skywalking } from '../../../../src/providers/metrics/skywalking/index.js';
import { runMetricProviderConformance } from '../conformance.case.js';

runMetricProviderConformance({
  provider: skywalking,
  config: {
    address: 'https://skywalking.conformance.test',
    query:
      'query queryData($duration: Duration!) { service_apdex: readMetricsValues(condition: { name: "service_apdex", entity: { scope: Service, serviceName: "checkout", normal: true } }, duration: $duration) { values { values { value } } } }',
    interval: '5m',
  },
  // SkyWalking takes no credentials (upstream sends none).
  credentials: [],
  answer: (_request, note) => ({
    body: JSON.stringify({
      data: { service_apdex: { values: { values: [{ value: 9800 }] } }, note },
    }),
  }),
  brokenConfigs: [
    { config: { query: 'q', interval: '5m' }, problem: 'address is required' },
    {
      config: { address: 'https://skywalking.conformance.test', query: 'q', interval: 'a while' },
      problem: 'interval "a while" is not a positive duration',
    },
  ],
});
