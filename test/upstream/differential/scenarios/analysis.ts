/**
 * Analysis against the test's local Web metric endpoint: step and background runs that pass, fail
 * or come out Inconclusive, dryRun metrics, and arguments from the Rollout's fields and a Secret.
 */
import { aCanaryRollout, aWebTemplate } from '../../manifests.js';
import type { Scenario } from '../harness.js';
import { promote, retry, setImage } from './steps.js';

type Template = Omit<Parameters<typeof aWebTemplate>[0], 'name' | 'namespace' | 'url'>;

const STEP_ANALYSIS = [
  { setWeight: 25 },
  { analysis: { templates: [{ templateName: 'check' }] } },
  { pause: {} },
];

/** One template `check` against `<probe>/<path>`, and the Rollout. */
const analysed = (
  name: string,
  path: string,
  template: Template,
  canary: Omit<Parameters<typeof aCanaryRollout>[0], 'name' | 'namespace'>,
  steps: Scenario['steps'],
  extra: (ns: string) => object[] = () => [],
): Scenario => ({
  name,
  rollout: 'web',
  objects: (ns, probe) => [
    ...extra(ns),
    aWebTemplate({ name: 'check', namespace: ns, url: `${probe}/${path}`, ...template }),
    aCanaryRollout({ name: 'web', namespace: ns, ...canary }),
  ],
  steps,
});

const once = { count: 1, failureLimit: 0 };

export const ANALYSIS: Scenario[] = [
  analysed('canary-step-analysis-passes', 'ready', once, { steps: STEP_ANALYSIS }, [
    setImage('nginx:1.26'),
    promote,
  ]),
  analysed('canary-step-analysis-fails', 'broken', once, { steps: STEP_ANALYSIS }, [
    setImage('nginx:1.26'),
    retry,
  ]),
  analysed(
    'canary-step-analysis-inconclusive',
    'half',
    { ...once, successCondition: 'result > 0.9', failureCondition: 'result < 0.1' },
    { steps: STEP_ANALYSIS },
    [setImage('nginx:1.26'), promote, promote],
  ),
  analysed(
    'canary-background-analysis-fails',
    'broken',
    once,
    {
      steps: [{ setWeight: 25 }, { pause: {} }],
      analysis: { templates: [{ templateName: 'check' }], startingStep: 1 },
    },
    [setImage('nginx:1.26')],
  ),
  analysed(
    'canary-background-analysis-passes',
    'ready',
    {},
    {
      steps: [{ setWeight: 25 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '2s' } }],
      analysis: { templates: [{ templateName: 'check' }] },
    },
    [setImage('nginx:1.26'), promote],
  ),
  analysed(
    'canary-background-dry-run',
    'broken',
    once,
    {
      steps: [{ setWeight: 25 }, { pause: { duration: '4s' } }],
      analysis: { templates: [{ templateName: 'check' }], dryRun: [{ metricName: 'ready' }] },
    },
    [setImage('nginx:1.26')],
  ),
  analysed(
    'canary-analysis-args-from-field',
    'ready?rollout={{args.rollout}}',
    { ...once, args: ['rollout'] },
    {
      steps: [
        { setWeight: 25 },
        {
          analysis: {
            templates: [{ templateName: 'check' }],
            args: [{ name: 'rollout', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          },
        },
      ],
    },
    [setImage('nginx:1.26')],
  ),
  analysed(
    'canary-analysis-args-from-secret',
    '{{args.path}}',
    {
      ...once,
      args: [{ name: 'path', valueFrom: { secretKeyRef: { name: 'probe-path', key: 'path' } } }],
    },
    { steps: [{ setWeight: 25 }, { analysis: { templates: [{ templateName: 'check' }] } }] },
    [setImage('nginx:1.26')],
    (ns) => [
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'probe-path', namespace: ns },
        stringData: { path: 'ready' },
      },
    ],
  ),
];
