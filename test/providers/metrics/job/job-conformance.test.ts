import { KubeClient } from '../../../../src/adapters/kube/index.js';
import { job } from '../../../../src/providers/metrics/job/index.js';
import {
  runMetricProviderConformance,
  type Answer,
  type SeenRequest,
} from '../conformance.case.js';

/** The Kubernetes API as the job provider meets it: the Job is created, then complete, with no pods stuck. */
function answer(request: SeenRequest): Answer {
  const path = new URL(request.url).pathname;
  if (request.method === 'POST')
    return { status: 201, headers: { 'content-type': 'application/json' }, body: request.body };
  if (path.endsWith('/pods'))
    return {
      body: JSON.stringify({
        kind: 'PodList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '7' },
        items: [],
      }),
    };
  const name = path.split('/').pop() ?? '';
  return {
    body: JSON.stringify({
      metadata: { name },
      status: { conditions: [{ type: 'Complete', status: 'True' }] },
    }),
  };
}

runMetricProviderConformance({
  provider: job,
  config: {
    metadata: { labels: { team: 'checkout' } },
    spec: {
      backoffLimit: 0,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'smoke',
              image: 'curlimages/curl:8.8.0',
              args: ['-f', 'http://checkout/healthz'],
            },
          ],
        },
      },
    },
  },
  kube: (fetch) =>
    new KubeClient({
      server: 'https://kube.conformance.test',
      fetch: (url, init) => fetch(url, init),
      retry: false,
    }),
  // The job provider reads no Secret and no credential setting; the cluster's own token is the kube client's.
  credentials: [],
  answer,
  // The Job spec is the API server's to validate.
  freeFormFields: ['spec.backoffLimit', 'spec.template'],
  unboundedBodyReason:
    'the Kubernetes client (src/adapters/kube) reads whole bodies; its bound belongs there',
  brokenConfigs: [
    { config: { metadata: {} }, problem: 'spec is required' },
    {
      config: { spec: {}, metadata: { labels: { team: 7 } } },
      problem: 'metadata.labels must map names to strings',
    },
  ],
});
