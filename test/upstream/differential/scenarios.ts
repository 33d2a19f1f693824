/**
 * The differential catalogue (issue 17 deliverable 3): each scenario runs once under the upstream
 * controller and once under ours, with the same manifests and the same plugin operations at the
 * same logical points. A first handful; the full catalogue (40+) grows from here.
 */
import { aBlueGreenRollout, aCanaryRollout, aWebTemplate } from '../manifests.js';
import type { Scenario } from './harness.js';

const setImage = (rollout: string, image: string) => ({
  label: `set image ${image}`,
  run: (ctx: Parameters<Scenario['steps'][number]['run']>[0]) =>
    ctx.plugin('set', 'image', rollout, `web=${image}`),
});
const op = (label: string, ...args: string[]) => ({
  label,
  run: (ctx: Parameters<Scenario['steps'][number]['run']>[0]) => ctx.plugin(...args),
});

export const SCENARIOS: Scenario[] = [
  {
    name: 'canary-pause-promote',
    rollout: 'web',
    objects: (ns) => [
      aCanaryRollout({
        name: 'web',
        namespace: ns,
        steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '1s' } }],
      }),
    ],
    steps: [setImage('web', 'nginx:1.26'), op('promote', 'promote', 'web')],
  },
  {
    name: 'canary-abort-retry',
    rollout: 'web',
    objects: (ns) => [
      aCanaryRollout({ name: 'web', namespace: ns, steps: [{ setWeight: 25 }, { pause: {} }] }),
    ],
    steps: [
      setImage('web', 'nginx:1.26'),
      op('abort', 'abort', 'web'),
      op('retry', 'retry', 'rollout', 'web'),
    ],
  },
  {
    name: 'canary-odd-replicas-promote-full',
    rollout: 'web',
    objects: (ns) => [
      aCanaryRollout({
        name: 'web',
        namespace: ns,
        replicas: 5,
        steps: [{ setWeight: 30 }, { pause: {} }, { setWeight: 60 }, { pause: {} }],
      }),
    ],
    steps: [setImage('web', 'nginx:1.26'), op('promote --full', 'promote', 'web', '--full')],
  },
  {
    name: 'canary-one-replica',
    rollout: 'web',
    objects: (ns) => [
      aCanaryRollout({
        name: 'web',
        namespace: ns,
        replicas: 1,
        steps: [{ setWeight: 50 }, { pause: {} }],
      }),
    ],
    steps: [setImage('web', 'nginx:1.26'), op('promote', 'promote', 'web')],
  },
  {
    name: 'canary-invalid-weight',
    rollout: 'web',
    objects: (ns) => [aCanaryRollout({ name: 'web', namespace: ns, steps: [{ setWeight: 150 }] })],
    steps: [],
  },
  {
    name: 'canary-manual-pause',
    rollout: 'web',
    objects: (ns) => [
      aCanaryRollout({
        name: 'web',
        namespace: ns,
        steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: {} }],
      }),
    ],
    steps: [
      setImage('web', 'nginx:1.26'),
      op('pause', 'pause', 'web'),
      op('promote', 'promote', 'web'),
    ],
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
      setImage('web', 'nginx:1.26'),
      op('promote', 'promote', 'web'),
      setImage('web', 'nginx:1.27'),
      op('undo --to-revision 1', 'undo', 'web', '--to-revision', '1'),
      op('undo --to-revision 2', 'undo', 'web', '--to-revision', '2'),
    ],
  },
  {
    name: 'canary-no-surge',
    rollout: 'web',
    objects: (ns) => [
      aCanaryRollout({
        name: 'web',
        namespace: ns,
        replicas: 5,
        maxSurge: 0,
        maxUnavailable: 1,
        steps: [{ setWeight: 40 }, { pause: {} }],
      }),
    ],
    steps: [setImage('web', 'nginx:1.26'), op('promote', 'promote', 'web')],
  },
  {
    name: 'canary-step-analysis-passes',
    rollout: 'web',
    objects: (ns, probe) => [
      aWebTemplate({
        name: 'check',
        namespace: ns,
        url: `${probe}/ready`,
        count: 1,
        failureLimit: 0,
      }),
      aCanaryRollout({
        name: 'web',
        namespace: ns,
        steps: [
          { setWeight: 25 },
          { analysis: { templates: [{ templateName: 'check' }] } },
          { pause: {} },
        ],
      }),
    ],
    steps: [setImage('web', 'nginx:1.26'), op('promote', 'promote', 'web')],
  },
  {
    name: 'canary-step-analysis-fails',
    rollout: 'web',
    objects: (ns, probe) => [
      aWebTemplate({
        name: 'check',
        namespace: ns,
        url: `${probe}/broken`,
        count: 1,
        failureLimit: 0,
      }),
      aCanaryRollout({
        name: 'web',
        namespace: ns,
        steps: [
          { setWeight: 25 },
          { analysis: { templates: [{ templateName: 'check' }] } },
          { pause: {} },
        ],
      }),
    ],
    steps: [setImage('web', 'nginx:1.26'), op('retry', 'retry', 'rollout', 'web')],
  },
  {
    name: 'canary-background-analysis-fails',
    rollout: 'web',
    objects: (ns, probe) => [
      aWebTemplate({
        name: 'check',
        namespace: ns,
        url: `${probe}/broken`,
        count: 1,
        failureLimit: 0,
      }),
      aCanaryRollout({
        name: 'web',
        namespace: ns,
        steps: [{ setWeight: 25 }, { pause: {} }],
        analysis: { templates: [{ templateName: 'check' }], startingStep: 1 },
      }),
    ],
    steps: [setImage('web', 'nginx:1.26')],
  },
  {
    name: 'bluegreen-manual-promotion',
    rollout: 'web',
    objects: (ns) => aBlueGreenRollout({ name: 'web', namespace: ns }),
    steps: [setImage('web', 'nginx:1.26'), op('promote', 'promote', 'web')],
  },
];
