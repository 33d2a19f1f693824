/** Blue-green: manual and automatic promotion, preview replicas, delays, pre/post-promotion analysis, abort. */
import { aBlueGreenRollout, aWebTemplate } from '../../manifests.js';
import type { Scenario } from '../harness.js';
import { abort, promote, promoteFull, retry, setImage, wait } from './steps.js';

const blueGreen = (
  name: string,
  o: { replicas?: number; blueGreen?: Record<string, unknown> },
  steps: Scenario['steps'],
  probePath?: string,
): Scenario => ({
  name,
  rollout: 'web',
  objects: (ns, probe) => [
    ...(probePath
      ? [
          aWebTemplate({
            name: 'check',
            namespace: ns,
            url: `${probe}/${probePath}`,
            count: 1,
            failureLimit: 0,
          }),
        ]
      : []),
    ...aBlueGreenRollout({ name: 'web', namespace: ns, ...o }),
  ],
  steps,
});

const analysis = { templates: [{ templateName: 'check' }] };

export const BLUE_GREEN: Scenario[] = [
  blueGreen('bluegreen-manual-promotion', {}, [setImage('nginx:1.26'), promote]),
  blueGreen(
    'bluegreen-auto-promotion',
    { replicas: 3, blueGreen: { autoPromotionEnabled: true } },
    [setImage('nginx:1.26'), wait(3)],
  ),
  blueGreen(
    'bluegreen-auto-promotion-seconds',
    { blueGreen: { autoPromotionEnabled: true, autoPromotionSeconds: 4 } },
    [setImage('nginx:1.26'), wait(5)],
  ),
  blueGreen(
    'bluegreen-preview-replica-count',
    { replicas: 3, blueGreen: { previewReplicaCount: 1 } },
    [setImage('nginx:1.26'), promote, wait(3)],
  ),
  blueGreen(
    'bluegreen-scale-down-delay',
    { blueGreen: { scaleDownDelaySeconds: 6, scaleDownDelayRevisionLimit: 1 } },
    [setImage('nginx:1.26'), promote, wait(6)],
  ),
  blueGreen('bluegreen-abort-retry', {}, [setImage('nginx:1.26'), abort, retry, promoteFull]),
  blueGreen(
    'bluegreen-pre-promotion-passes',
    { blueGreen: { prePromotionAnalysis: analysis } },
    [setImage('nginx:1.26'), promote],
    'ready',
  ),
  blueGreen(
    'bluegreen-pre-promotion-fails',
    { blueGreen: { prePromotionAnalysis: analysis } },
    [setImage('nginx:1.26'), promote],
    'broken',
  ),
  blueGreen(
    'bluegreen-post-promotion-passes',
    { blueGreen: { postPromotionAnalysis: analysis } },
    [setImage('nginx:1.26'), promote, wait(3)],
    'ready',
  ),
  blueGreen(
    'bluegreen-post-promotion-fails',
    { blueGreen: { postPromotionAnalysis: analysis } },
    [setImage('nginx:1.26'), promote],
    'broken',
  ),
];
