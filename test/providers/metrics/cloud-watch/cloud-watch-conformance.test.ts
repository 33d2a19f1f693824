import { cloudWatch } from '../../../../src/providers/metrics/cloud-watch/index.js';
import { runMetricProviderConformance } from '../conformance.case.js';

const SETTINGS = {
  AWS_ACCESS_KEY_ID: 'AKIACONFORMANCE',
  AWS_SECRET_ACCESS_KEY: 'Zr6-AwsSec/+=&"s" 6',
  AWS_SESSION_TOKEN: 'Zr7-AwsSes/+=&"t" 7',
  AWS_REGION: 'eu-west-1',
  AWS_ENDPOINT_URL_CLOUDWATCH: 'https://monitoring.conformance.test',
};

runMetricProviderConformance({
  provider: cloudWatch,
  config: {
    interval: '5m',
    metricDataQueries: [
      {
        id: 'errors',
        metricStat: {
          metric: {
            namespace: 'AWS/ApplicationELB',
            metricName: 'HTTPCode_Target_5XX_Count',
            dimensions: [{ name: 'LoadBalancer', value: 'app/checkout' }],
          },
          period: 60,
          stat: 'Sum',
        },
        returnData: false,
      },
      { id: 'rate', expression: 'errors / 100', label: 'error rate' },
    ],
  },
  settings: SETTINGS,
  credentials: [],
  // The label and a message carry what the server says.
  answer: (_request, note) => ({
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify({
      MetricDataResults: [
        {
          Id: 'rate',
          Label: note,
          StatusCode: 'Complete',
          Timestamps: [1_700_000_000],
          Values: [0.01],
        },
      ],
      Messages: [{ Code: 'Note', Value: note }],
    }),
  }),
  brokenConfigs: [
    { config: { interval: '5m' }, problem: 'metricDataQueries must list at least one query' },
    {
      config: { metricDataQueries: [{ expression: 'x' }] },
      problem: 'metricDataQueries[0].id is required',
    },
    { config: { metricDataQueries: [{ id: 'x' }] }, problem: 'needs metricStat or expression' },
    {
      config: { interval: 'later', metricDataQueries: [{ id: 'x', expression: 'y' }] },
      problem: 'interval "later" is not a positive duration',
    },
  ],
});
