import { describe, expect, it } from 'vitest';
import { validateRolloutSpec } from '../../../../src/core/rollout/validation/index.js';
import { aRollout } from '../../../support/builders/index.js';

const SAME =
  'This rollout uses the same service for the active and preview services, but two different services are required.';
const LIMIT =
  "This rollout's revision history limit can not be smaller than the rollout's scale down limit";

describe('blue-green', () => {
  it.each<[string, Parameters<typeof aRollout>[0], string[]]>([
    [
      'the same active and preview service',
      { blueGreen: { previewService: 'guestbook-active' } },
      [`spec.strategy.activeService: Invalid value: "guestbook-active": ${SAME}`],
    ],
    [
      'no services at all (two empty names are "the same")',
      { blueGreen: { activeService: undefined, previewService: undefined } },
      [`spec.strategy.activeService: Invalid value: "": ${SAME}`],
    ],
    [
      'scale-down limit above the default history limit',
      { blueGreen: { scaleDownDelayRevisionLimit: 11 } },
      [`spec.strategy.scaleDownDelayRevisionLimit: Invalid value: 11: ${LIMIT}`],
    ],
    [
      'scale-down limit above an explicit history limit',
      { spec: { revisionHistoryLimit: 2 }, blueGreen: { scaleDownDelayRevisionLimit: 3 } },
      [`spec.strategy.scaleDownDelayRevisionLimit: Invalid value: 3: ${LIMIT}`],
    ],
    [
      'scale-down limit equal to the history limit',
      { spec: { revisionHistoryLimit: 3 }, blueGreen: { scaleDownDelayRevisionLimit: 3 } },
      [],
    ],
    [
      'anti-affinity with neither kind',
      { blueGreen: { antiAffinity: {} } },
      [
        'spec.strategy.antiAffinity: Invalid value: "antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution: false antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution: false": AntiAffinity must have exactly one strategy listed',
      ],
    ],
    [
      'anti-affinity weight out of range',
      {
        blueGreen: {
          antiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: { weight: 0 } },
        },
      },
      [
        'spec.strategy.antiAffinity.weight: Invalid value: 0: AntiAffinity weight must be between 1-100',
      ],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(validateRolloutSpec(aRollout(overrides))).toEqual(expected);
  });

  it('reports services, then the revision limit, then anti-affinity', () => {
    const rollout = aRollout({
      blueGreen: {
        previewService: 'guestbook-active',
        scaleDownDelayRevisionLimit: 20,
        antiAffinity: {},
      },
    });
    expect(validateRolloutSpec(rollout).map((e) => e.split(':')[0])).toEqual([
      'spec.strategy.activeService',
      'spec.strategy.scaleDownDelayRevisionLimit',
      'spec.strategy.antiAffinity',
    ]);
  });

  it('does not apply canary-only rules (maxSurge, steps) to blue-green', () => {
    expect(validateRolloutSpec(aRollout({ blueGreen: { maxUnavailable: 0 } }))).toEqual([]);
  });
});
