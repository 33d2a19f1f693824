import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { describeOnBackends } from '../support/backends.js';
import {
  aRollout,
  JOURNEY_TIMEOUT_MS,
  replicaSetsUntil,
  selectorOf,
  setImage,
} from './support/journey.js';

// A canary step analysis with a Job metric (the devcluster's simulator or kwok runs the Job's pod
// to its `exit`) and a web metric against an endpoint this test serves on loopback.

let healthy = true;
const endpoint = createServer((_, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ healthy }));
});
await new Promise<void>((done) => endpoint.listen(0, '127.0.0.1', done));
const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/health`;
afterAll(() => new Promise<void>((done) => endpoint.close(() => done())));

const template = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisTemplate',
  metadata: { name: 'billing-checks' },
  spec: {
    args: [{ name: 'url' }],
    metrics: [
      {
        name: 'smoke-job',
        count: 1,
        provider: {
          job: {
            spec: {
              backoffLimit: 0,
              template: {
                spec: {
                  restartPolicy: 'Never',
                  containers: [
                    {
                      name: 'check',
                      image: 'busybox:1.36',
                      command: ['sh', '-c', 'sleep 1 && true'],
                    },
                  ],
                },
              },
            },
          },
        },
      },
      {
        name: 'health',
        count: 1,
        successCondition: 'result.healthy == true',
        provider: { web: { url: '{{args.url}}', jsonPath: '{$}' } },
      },
    ],
  },
};

const billing = selectorOf('billing');
const runs = (bed: { ok(...args: string[]): Promise<string> }) =>
  bed.ok(
    'get',
    'analysisrun',
    '--sort-by=.metadata.creationTimestamp',
    '-o',
    'jsonpath={range .items[*]}{.status.phase}:{range .status.metricResults[*]}{.name}={.phase},{end} {end}',
  );

describeOnBackends('analysis journey', {}, (bed) => {
  it(
    'brings the Rollout to Healthy without analysis (the first revision has no steps to run)',
    async () => {
      await bed.apply(
        template,
        aRollout({
          name: 'billing',
          replicas: 2,
          strategy: {
            canary: {
              steps: [
                { setWeight: 50 },
                {
                  analysis: {
                    templates: [{ templateName: 'billing-checks' }],
                    args: [{ name: 'url', value: url }],
                  },
                },
              ],
            },
          },
        }),
      );
      expect(await bed.until(['rollout', 'billing'], '{.status.phase}', 'Healthy')).toBe('Healthy');
      expect((await runs(bed)).trim()).toBe('');
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'promotes an update whose Job and web measurements pass',
    async () => {
      healthy = true; // the endpoint is shared by both backends' runs of this file
      await setImage(bed, 'billing', 'nginx:1.26');
      const phase = await bed.until(['rollout', 'billing'], '{.status.phase}', 'Healthy');
      // On failure, say which measurement failed and why.
      expect(phase, await bed.ok('get', 'analysisrun,jobs', '-o', 'yaml')).toBe('Healthy');
      expect((await runs(bed)).trim()).toBe('Successful:smoke-job=Successful,health=Successful,');
      expect(await bed.ok('get', 'jobs', '-o', 'jsonpath={.items[*].status.succeeded}')).toBe('1');
      expect(await replicaSetsUntil(bed, billing, ['nginx:1.25=0/0', 'nginx:1.26=2/2'])).toEqual([
        'nginx:1.25=0/0',
        'nginx:1.26=2/2',
      ]);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'aborts an update whose web measurement fails: Degraded, the canary scaled to 0',
    async () => {
      healthy = false;
      await setImage(bed, 'billing', 'nginx:1.27');
      expect(await bed.until(['rollout', 'billing'], '{.status.phase}', 'Degraded')).toBe(
        'Degraded',
      );
      const [, second] = (await runs(bed)).trim().split(' ');
      expect(second).toMatch(/^Failed:.*health=Failed,/);
      expect(
        await replicaSetsUntil(bed, billing, [
          'nginx:1.25=0/0',
          'nginx:1.26=2/2',
          'nginx:1.27=0/0',
        ]),
      ).toEqual(['nginx:1.25=0/0', 'nginx:1.26=2/2', 'nginx:1.27=0/0']);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
