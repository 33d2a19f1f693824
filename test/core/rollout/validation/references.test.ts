import { describe, expect, it } from 'vitest';
import type { Rollout, Service } from '../../../../src/domain/index.js';
import { validateRolloutReferences } from '../../../../src/core/rollout/validation/index.js';
import { aRollout, aService } from '../../../support/builders/index.js';
import { aRoutedRollout } from './builders.js';

const servicesOf = (...services: Service[]): Map<string, Service | undefined> =>
  new Map(services.map((s) => [s.metadata.name, s]));
const smi = { smi: {} };
const canaryRollout = aRoutedRollout(smi);
const blueGreen = aRollout({ blueGreen: {} });
const pingPong = aRollout({
  trafficRouting: { alb: { ingress: 'i', rootService: 'root' } },
  canary: { pingPong: { pingService: 'ping', pongService: 'pong' } },
});

describe('validateRolloutReferences', () => {
  it.each<[string, Rollout, Service[]]>([
    [
      'canary with both services',
      canaryRollout,
      [aService('guestbook-stable'), aService('guestbook-canary')],
    ],
    [
      'services this Rollout already manages',
      canaryRollout,
      [
        aService('guestbook-stable', { managedBy: 'guestbook' }),
        aService('guestbook-canary', { managedBy: 'guestbook' }),
      ],
    ],
    [
      'selectors carrying the pod-template-hash',
      canaryRollout,
      [
        aService('guestbook-stable', {
          selector: { app: 'guestbook', 'rollouts-pod-template-hash': 'abc' },
        }),
        aService('guestbook-canary'),
      ],
    ],
    ['blue-green', blueGreen, [aService('guestbook-active'), aService('guestbook-preview')]],
    ['ping-pong', pingPong, [aService('ping'), aService('pong')]],
    ['a basic canary naming no services', aRollout(), []],
  ])('%s: no problems', (_name, rollout, services) => {
    expect(validateRolloutReferences(rollout, { services: servicesOf(...services) })).toEqual([]);
  });

  it.each<[string, Rollout, Map<string, Service | undefined>, string[]]>([
    [
      'a missing stable service',
      canaryRollout,
      servicesOf(aService('guestbook-canary')),
      [
        'spec.strategy.canary.stableService: Invalid value: "guestbook-stable": services "guestbook-stable" not found',
      ],
    ],
    [
      'a service looked up as undefined',
      canaryRollout,
      new Map([
        ['guestbook-stable', aService('guestbook-stable')],
        ['guestbook-canary', undefined],
      ]),
      [
        'spec.strategy.canary.canaryService: Invalid value: "guestbook-canary": services "guestbook-canary" not found',
      ],
    ],
    [
      'a missing service hides every other problem (the look-up stops there)',
      canaryRollout,
      servicesOf(aService('guestbook-stable', { managedBy: 'other' })),
      [
        'spec.strategy.canary.canaryService: Invalid value: "guestbook-canary": services "guestbook-canary" not found',
      ],
    ],
    [
      'a missing active service',
      blueGreen,
      servicesOf(aService('guestbook-preview')),
      [
        'spec.strategy.blueGreen.activeService: Invalid value: "guestbook-active": services "guestbook-active" not found',
      ],
    ],
    [
      'a missing pong service',
      pingPong,
      servicesOf(aService('ping')),
      [
        'spec.strategy.canary.pingPong.pongService: Invalid value: "pong": services "pong" not found',
      ],
    ],
    [
      'a service managed by another Rollout',
      canaryRollout,
      servicesOf(
        aService('guestbook-stable', { managedBy: 'checkout' }),
        aService('guestbook-canary'),
      ),
      [
        'spec.strategy.canary.stableService: Invalid value: "guestbook-stable": Service "guestbook-stable" is managed by another Rollout',
      ],
    ],
    [
      'a preview service managed by another Rollout',
      blueGreen,
      servicesOf(aService('guestbook-active'), aService('guestbook-preview', { managedBy: '' })),
      [
        'spec.strategy.blueGreen.previewService: Invalid value: "guestbook-preview": Service "guestbook-preview" is managed by another Rollout',
      ],
    ],
    [
      'a selector the pod template cannot match',
      canaryRollout,
      servicesOf(
        aService('guestbook-stable', { selector: { app: 'guestbook', tier: 'web' } }),
        aService('guestbook-canary'),
      ),
      [
        'spec.strategy.canary.stableService: Invalid value: "guestbook-stable": Service "guestbook-stable" has unmatch label "tier" in rollout',
      ],
    ],
  ])('%s', (_name, rollout, services, expected) => {
    expect(validateRolloutReferences(rollout, { services })).toEqual(expected);
  });

  it('accepts selector labels that the role adds as ephemeral metadata', () => {
    const rollout = aRoutedRollout(smi, {
      canary: { canaryMetadata: { labels: { role: 'canary' } } },
    });
    const services = servicesOf(
      aService('guestbook-stable'),
      aService('guestbook-canary', { selector: { app: 'guestbook', role: 'canary' } }),
    );
    expect(validateRolloutReferences(rollout, { services })).toEqual([]);
    const wrongRole = servicesOf(
      aService('guestbook-stable', { selector: { app: 'guestbook', role: 'canary' } }),
      aService('guestbook-canary'),
    );
    expect(validateRolloutReferences(rollout, { services: wrongRole })).toEqual([
      'spec.strategy.canary.stableService: Invalid value: "guestbook-stable": Service "guestbook-stable" has unmatch label "role" in rollout',
    ]);
  });
});
