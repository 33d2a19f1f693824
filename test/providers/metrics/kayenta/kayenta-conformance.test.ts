import { kayenta } from '../../../../src/providers/metrics/kayenta/index.js';
import {
  runMetricProviderConformance,
  type Answer,
  type SeenRequest,
} from '../conformance.case.js';

const ADDRESS = 'https://kayenta.conformance.test';
const detail = (scope: string) => ({
  scope,
  region: 'eu-west-1',
  step: 60,
  start: '2023-11-14T22:00:00Z',
  end: '2023-11-14T22:13:00Z',
});

/** The canary config listing, the started execution, then the complete execution (its status names the note). */
function answer(request: SeenRequest, note: string): Answer {
  const path = new URL(request.url).pathname;
  if (path === '/canaryConfig')
    return { body: JSON.stringify([{ id: 'cfg-1', name: 'checkout-canary' }]) };
  if (request.method === 'POST') return { body: JSON.stringify({ canaryExecutionId: 'exec-1' }) };
  return {
    body: JSON.stringify({
      complete: true,
      status: note,
      result: { judgeResult: { score: { score: 95 } } },
    }),
  };
}

runMetricProviderConformance({
  provider: kayenta,
  config: {
    address: ADDRESS,
    application: 'checkout',
    canaryConfigName: 'checkout-canary',
    metricsAccountName: 'prometheus',
    configurationAccountName: 'config-store',
    storageAccountName: 'object-store',
    threshold: { pass: 90, marginal: 75 },
    scopes: [
      {
        name: 'default',
        controlScope: detail('checkout-stable'),
        experimentScope: detail('checkout-canary'),
      },
    ],
  },
  // Kayenta takes no credentials (upstream sends none).
  credentials: [],
  answer,
  brokenConfigs: [
    { config: { address: ADDRESS }, problem: 'application is required' },
    {
      config: { address: ADDRESS, application: 'a', threshold: { pass: 90 }, scopes: [] },
      problem: 'threshold.marginal is required',
    },
    {
      config: { address: ADDRESS, scopes: [{ name: 'x', controlScope: {} }] },
      problem: 'scopes[0].experimentScope is required',
    },
  ],
});
