import { influxdb } from '../../../../src/providers/metrics/influxdb/index.js';
import { runMetricProviderConformance } from '../conformance.case.js';

const TOKEN = 'Zr5-InfT0k/+=&"i" 5';

/** RFC 4180 quoting, for a note with commas, quotes or line breaks. */
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

runMetricProviderConformance({
  provider: influxdb,
  config: {
    profile: 'influx-profile',
    query:
      'from(bucket: "app") |> range(start: -5m) |> filter(fn: (r) => r._measurement == "errors")',
  },
  secrets: {
    'influx-profile': { address: 'https://influx.conformance.test', authToken: TOKEN, org: 'shop' },
  },
  credentials: [TOKEN],
  // Two tables: a double, then a string whose value is what the server says.
  answer: (_request, note) => ({
    headers: { 'content-type': 'text/csv' },
    body: [
      '#datatype,string,long,double',
      '#group,false,false,false',
      '#default,_result,,',
      ',result,table,_value',
      ',,0,0.5',
      '',
      '#datatype,string,long,string',
      '#group,false,false,false',
      '#default,_result,,',
      ',result,table,_value',
      `,,1,${quoted(note)}`,
      '',
    ].join('\r\n'),
  }),
  brokenConfigs: [
    { config: { profile: 'influx-profile' }, problem: 'query is required' },
    {
      config: { query: 'from(bucket: "x")', profile: 'missing' },
      problem: 'InfluxDB profile secret "missing" is missing address, authToken, org',
    },
  ],
});
