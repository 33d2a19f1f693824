/** Progress deadlines (with and without progressDeadlineAbort) and Rollouts that reference a Deployment. */
import { aCanaryRollout, aDeployment } from '../../manifests.js';
import type { Scenario } from '../harness.js';
import { patch, promote, retry, setImage, wait } from './steps.js';

/**
 * `:bad` never pulls on the real control plane's kwok nodes, so the canary never gets ready. The
 * deadline (20 s) is far longer than a point takes to settle (about 7 s), so the point after the
 * operation that follows the abort is read before a second deadline could pass.
 */
const deadline = (
  name: string,
  abortOnDeadline: boolean,
  after: Scenario['steps'][number],
): Scenario => ({
  name,
  rollout: 'web',
  objects: (ns) => [
    aCanaryRollout({
      name: 'web',
      namespace: ns,
      replicas: 2,
      steps: [{ setWeight: 50 }, { pause: {} }],
      spec: { progressDeadlineSeconds: 20, progressDeadlineAbort: abortOnDeadline },
    }),
  ],
  steps: [setImage('nginx:bad'), wait(22), after],
});

export const LIFECYCLE: Scenario[] = [
  deadline('canary-progress-deadline', false, setImage('nginx:1.26')),
  deadline('canary-progress-deadline-abort', true, setImage('nginx:1.26')),
  deadline('canary-progress-deadline-retry', true, retry),
  {
    name: 'canary-workload-ref',
    rollout: 'web',
    objects: (ns) => [
      aDeployment({ name: 'web-deploy', namespace: ns, labelName: 'web' }),
      aCanaryRollout({
        name: 'web',
        namespace: ns,
        replicas: 3,
        workloadRef: 'web-deploy',
        steps: [{ setWeight: 34 }, { pause: {} }],
      }),
    ],
    steps: [
      patch(
        'deployment image nginx:1.26',
        { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } },
        'deployment/web-deploy',
      ),
      promote,
    ],
  },
];
