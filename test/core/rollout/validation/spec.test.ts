import { describe, expect, it } from 'vitest';
import type { Rollout } from '../../../../src/domain/index.js';
import { validateRolloutSpec } from '../../../../src/core/rollout/validation/index.js';
import { aRollout } from '../../../support/builders/index.js';
import { aRoutedRollout } from './builders.js';

const workloadRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'guestbook' };
const templateMismatch =
  'spec.template.metadata.labels: Invalid value: {"app":"guestbook"}: `selector` does not match template `labels`';

describe('validateRolloutSpec: valid rollouts', () => {
  it.each<[string, Rollout]>([
    ['canary with steps', aRollout()],
    [
      'canary without steps (rolling update)',
      aRollout({ canary: { steps: undefined, maxSurge: '20%', maxUnavailable: 0 } }),
    ],
    ['canary with an empty step list', aRollout({ steps: [] })],
    [
      'blue-green',
      aRollout({ blueGreen: { autoPromotionEnabled: false, scaleDownDelayRevisionLimit: 2 } }),
    ],
    [
      'blue-green without a preview service',
      aRollout({ blueGreen: { previewService: undefined } }),
    ],
    [
      'workloadRef without selector or template',
      aRollout({ spec: { workloadRef, selector: undefined, template: undefined } }),
    ],
    [
      'workloadRef with an empty template',
      aRollout({ spec: { workloadRef, template: { metadata: {}, spec: {} } } }),
    ],
    ['istio-routed canary', aRoutedRollout({ istio: { virtualService: { name: 'vs' } } })],
    [
      'selector by expression',
      aRollout({
        spec: {
          selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['guestbook'] }] },
        },
      }),
    ],
    [
      'replicas 0 and progress deadline above minReadySeconds',
      aRollout({ spec: { replicas: 0, minReadySeconds: 30, progressDeadlineSeconds: 31 } }),
    ],
  ])('%s has no problems', (_name, rollout) => {
    expect(validateRolloutSpec(rollout)).toEqual([]);
  });

  it('validates a template resolved from workloadRef instead of requiring it empty', () => {
    const rollout = aRollout({ spec: { workloadRef } });
    expect(validateRolloutSpec(rollout)).toEqual([
      'spec.template: Internal error: template must be empty for workload reference rollout',
    ]);
    expect(validateRolloutSpec(rollout, { templateResolvedFromRef: true })).toEqual([]);
  });
});

describe('validateRolloutSpec: top-level problems (first one shown in InvalidSpec)', () => {
  it.each<[string, Rollout, string]>([
    [
      'negative replicas',
      aRollout({ spec: { replicas: -1 } }),
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'missing selector',
      aRollout({ spec: { selector: undefined } }),
      "spec.selector: Required value: Rollout has missing field '.spec.selector'",
    ],
    [
      'empty selector',
      aRollout({ spec: { selector: {} } }),
      'spec.selector: Invalid value: {}: empty selector is invalid for deployment',
    ],
    [
      'selector with empty maps',
      aRollout({ spec: { selector: { matchLabels: {}, matchExpressions: [] } } }),
      'spec.selector: Invalid value: {}: empty selector is invalid for deployment',
    ],
    [
      'selector not matching template labels',
      aRollout({ spec: { selector: { matchLabels: { app: 'other' } } } }),
      templateMismatch,
    ],
    [
      'template without labels',
      aRollout({ spec: { template: { spec: { containers: [{ name: 'a', image: 'b' }] } } } }),
      'spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`',
    ],
    [
      'unknown selector operator',
      aRollout({
        spec: {
          selector: {
            matchExpressions: [{ key: 'app', operator: 'Equals', values: ['guestbook'] }],
          },
        },
      }),
      'spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
    ],
    [
      'In without values',
      aRollout({ spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In' }] } } }),
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ],
    [
      'Exists with values',
      aRollout({
        spec: {
          selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] },
        },
      }),
      "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ],
    [
      'malformed selector label key',
      aRollout({ spec: { selector: { matchLabels: { 'bad key': 'x' } } } }),
      "spec.selector.matchLabels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
    [
      'template for workloadRef',
      aRollout({ spec: { workloadRef, selector: undefined } }),
      'spec.template: Internal error: template must be empty for workload reference rollout',
    ],
    [
      'template without containers',
      aRollout({ spec: { template: { metadata: { labels: { app: 'guestbook' } }, spec: {} } } }),
      'spec.template.spec.containers: Required value',
    ],
    [
      'container without image',
      aRollout({
        spec: {
          template: {
            metadata: { labels: { app: 'guestbook' } },
            spec: { containers: [{ name: 'app' }] },
          },
        },
      }),
      'spec.template.spec.containers[0].image: Required value',
    ],
    [
      'duplicate container names',
      aRollout({
        spec: {
          template: {
            metadata: { labels: { app: 'guestbook' } },
            spec: {
              containers: [
                { name: 'app', image: 'a' },
                { name: 'app', image: 'b' },
              ],
            },
          },
        },
      }),
      'spec.template.spec.containers[1].name: Duplicate value: "app"',
    ],
    [
      'restartPolicy other than Always',
      aRollout({
        spec: {
          template: {
            metadata: { labels: { app: 'guestbook' } },
            spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'b' }] },
          },
        },
      }),
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ],
    [
      'negative minReadySeconds',
      aRollout({ spec: { minReadySeconds: -1 } }),
      'spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'negative revisionHistoryLimit',
      aRollout({ spec: { revisionHistoryLimit: -1 } }),
      'spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
    ],
    [
      'progress deadline equal to minReadySeconds',
      aRollout({ spec: { minReadySeconds: 30, progressDeadlineSeconds: 30 } }),
      'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds',
    ],
    [
      'minReadySeconds above the default deadline',
      aRollout({ spec: { minReadySeconds: 601 } }),
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
    ],
    [
      'no strategy',
      aRollout({ spec: { strategy: {} } }),
      "spec.strategy.strategy: Required value: Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'",
    ],
    [
      'both strategies',
      aRollout({ spec: { strategy: { canary: {}, blueGreen: { activeService: 'a' } } } }),
      'spec.strategy.strategy: Invalid value: "blueGreen: true canary: true": Multiple Strategies can not be listed',
    ],
  ])('%s', (_name, rollout, expected) => {
    expect(validateRolloutSpec(rollout)[0]).toBe(expected);
  });

  it('reports a missing selector first, then the template it cannot match (nil selects nothing)', () => {
    expect(validateRolloutSpec(aRollout({ spec: { selector: undefined } }))).toEqual([
      "spec.selector: Required value: Rollout has missing field '.spec.selector'",
      templateMismatch,
    ]);
  });

  it('reports an unusable selector once as the operator and once as the whole selector', () => {
    const rollout = aRollout({
      spec: {
        selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['guestbook'] }] },
      },
    });
    expect(validateRolloutSpec(rollout)).toEqual([
      'spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"app","operator":"Equals","values":["guestbook"]}]}: invalid label selector',
    ]);
  });

  it('keeps upstream order across levels: replicas, selector, template, deadlines, strategy', () => {
    const rollout = aRollout({
      spec: { replicas: -2, selector: {}, minReadySeconds: 900, strategy: {} },
    });
    expect(validateRolloutSpec(rollout)).toEqual([
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
      'spec.selector: Invalid value: {}: empty selector is invalid for deployment',
      'spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds',
      "spec.strategy.strategy: Required value: Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'",
    ]);
  });
});
