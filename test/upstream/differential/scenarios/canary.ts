/** Canary steps and replica math: odd counts, 1 replica, maxSurge/maxUnavailable, scaling mid-canary. */
import { aCanaryRollout } from '../../manifests.js';
import type { Scenario } from '../harness.js';
import { pause, promote, promoteFull, scale, setImage } from './steps.js';

const canary = (
  name: string,
  o: Omit<Parameters<typeof aCanaryRollout>[0], 'name' | 'namespace'>,
  steps: Scenario['steps'],
  explained?: Scenario['explained'],
): Scenario => ({
  name,
  rollout: 'web',
  objects: (ns) => [aCanaryRollout({ name: 'web', namespace: ns, ...o })],
  steps,
  ...(explained ? { explained } : {}),
});

export const CANARY: Scenario[] = [
  canary(
    'canary-pause-promote',
    { steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '1s' } }] },
    [setImage('nginx:1.26'), promote],
  ),
  canary(
    'canary-odd-replicas-promote-full',
    { replicas: 5, steps: [{ setWeight: 30 }, { pause: {} }, { setWeight: 60 }, { pause: {} }] },
    [setImage('nginx:1.26'), promoteFull],
  ),
  canary('canary-one-replica', { replicas: 1, steps: [{ setWeight: 50 }, { pause: {} }] }, [
    setImage('nginx:1.26'),
    promote,
  ]),
  canary(
    'canary-no-surge',
    { replicas: 5, maxSurge: 0, maxUnavailable: 1, steps: [{ setWeight: 40 }, { pause: {} }] },
    [setImage('nginx:1.26'), promote],
  ),
  canary(
    'canary-surge-percent',
    {
      replicas: 10,
      maxSurge: '20%',
      maxUnavailable: '10%',
      steps: [{ setWeight: 33 }, { pause: {} }, { setWeight: 67 }, { pause: {} }],
    },
    [setImage('nginx:1.26'), promote, promote],
  ),
  canary(
    'canary-seven-replicas',
    { replicas: 7, steps: [{ setWeight: 10 }, { pause: {} }, { setWeight: 90 }, { pause: {} }] },
    [setImage('nginx:1.26'), promote, promote],
  ),
  canary(
    'canary-timed-pauses',
    {
      replicas: 3,
      steps: [
        { setWeight: 34 },
        { pause: { duration: '1s' } },
        { setWeight: 67 },
        { pause: { duration: 2 } },
      ],
    },
    [setImage('nginx:1.26')],
  ),
  canary('canary-no-steps', { replicas: 3 }, [setImage('nginx:1.26')]),
  canary(
    'canary-set-canary-scale-basic',
    {
      replicas: 4,
      steps: [{ setCanaryScale: { replicas: 3 } }, { setWeight: 25 }, { pause: {} }],
    },
    [setImage('nginx:1.26'), promote],
  ),
  canary('canary-scale-up-mid-canary', { replicas: 4, steps: [{ setWeight: 25 }, { pause: {} }] }, [
    setImage('nginx:1.26'),
    scale(8),
    promote,
  ]),
  canary(
    'canary-scale-down-mid-canary',
    { replicas: 6, steps: [{ setWeight: 50 }, { pause: {} }] },
    [setImage('nginx:1.26'), scale(3), promote],
  ),
  canary('canary-pause-when-healthy', { replicas: 2, steps: [{ setWeight: 50 }, { pause: {} }] }, [
    pause,
    setImage('nginx:1.26'),
    promote,
  ]),
];
