/** The plugin's operations mid-rollout: abort, retry, undo, restart, pause, promote --full. */
import { aCanaryRollout } from '../../manifests.js';
import type { Scenario } from '../harness.js';
import { abort, pause, plugin, promote, promoteFull, retry, setImage, wait } from './steps.js';

const twoStep = (ns: string, replicas = 4) =>
  aCanaryRollout({
    name: 'web',
    namespace: ns,
    replicas,
    steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: {} }],
  });

/** A two-step canary of `replicas` driven through `steps`. */
const twoStepScenario = (name: string, replicas: number, steps: Scenario['steps']): Scenario => ({
  name,
  rollout: 'web',
  objects: (ns) => [twoStep(ns, replicas)],
  steps,
});

export const OPERATIONS: Scenario[] = [
  {
    name: 'canary-abort-retry',
    rollout: 'web',
    objects: (ns) => [
      aCanaryRollout({ name: 'web', namespace: ns, steps: [{ setWeight: 25 }, { pause: {} }] }),
    ],
    steps: [setImage('nginx:1.26'), abort, retry],
  },
  {
    name: 'canary-manual-pause',
    rollout: 'web',
    objects: (ns) => [twoStep(ns)],
    steps: [setImage('nginx:1.26'), pause, promote],
    explained: [
      {
        pattern: /^point 3 \(promote\): (currentStepIndex|replicas|rs <nginx:1\.2[56]>):/,
        reason:
          'the plugin clears the pause conditions, then unpauses, in two patches; upstream reconciles in between ' +
          'and consumes the resume while still paused (same step again); ours usually first sees both and moves on',
      },
    ],
  },
  {
    name: 'canary-undo',
    rollout: 'web',
    objects: (ns) => [
      aCanaryRollout({ name: 'web', namespace: ns, steps: [{ setWeight: 25 }, { pause: {} }] }),
    ],
    steps: [
      setImage('nginx:1.26'),
      promote,
      setImage('nginx:1.27'),
      plugin('undo --to-revision 1', 'undo', 'web', '--to-revision', '1'),
      plugin('undo --to-revision 2', 'undo', 'web', '--to-revision', '2'),
    ],
  },
  twoStepScenario('canary-undo-mid-canary', 4, [
    setImage('nginx:1.26'),
    plugin('undo', 'undo', 'web'),
  ]),
  twoStepScenario('canary-abort-then-new-image', 4, [
    setImage('nginx:1.26'),
    abort,
    setImage('nginx:1.27'),
    promoteFull,
  ]),
  twoStepScenario('canary-abort-at-second-step', 5, [
    setImage('nginx:1.26'),
    promote,
    abort,
    retry,
    promoteFull,
  ]),
  twoStepScenario('canary-restart', 3, [plugin('restart', 'restart', 'web'), wait(3)]),
  twoStepScenario('canary-set-image-twice', 4, [
    setImage('nginx:1.26'),
    promote,
    setImage('nginx:1.27'),
    promoteFull,
  ]),
  twoStepScenario('canary-promote-full-from-start', 6, [
    setImage('nginx:1.26'),
    promoteFull,
    setImage('nginx:1.25'),
    promote,
  ]),
];
