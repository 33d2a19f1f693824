import { describe, expect, it } from 'vitest';
import type { Rollout } from '../../../../src/domain/index.js';
import { validateRolloutSpec } from '../../../../src/core/rollout/validation/index.js';
import { aRollout } from '../../../support/builders/index.js';
import { aRoutedRollout } from './builders.js';

const SERVICES_FOR_ROUTING =
  'Canary service and Stable service must to be set to use Traffic Routing';
const bothZero = (shown: string): string =>
  `spec.strategy.maxSurge: Invalid value: ${shown}: MaxSurge and MaxUnavailable both can not be zero`;

describe('maxSurge / maxUnavailable', () => {
  it.each<[unknown, unknown, string]>([
    [0, 0, bothZero('0')],
    ['0', 0, bothZero('"0"')],
    ['0%', 0, bothZero('"0%"')],
    [0, '0%', bothZero('0')],
    ['0%', '0%', bothZero('"0%"')],
  ])('maxSurge %j with maxUnavailable %j is rejected', (maxSurge, maxUnavailable, expected) => {
    expect(validateRolloutSpec(aRollout({ canary: { maxSurge, maxUnavailable } }))).toEqual([
      expected,
    ]);
  });

  const PERCENT =
    "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
  it.each<[unknown, unknown, string[]]>([
    // Upstream reads these as 0 and, with maxUnavailable 0, reports "both can not be zero".
    ['abc%', 0, [`spec.strategy.maxSurge: Invalid value: "abc%": ${PERCENT}`]],
    ['none', 0, [`spec.strategy.maxSurge: Invalid value: "none": ${PERCENT}`]],
    ['abc%', undefined, [`spec.strategy.maxSurge: Invalid value: "abc%": ${PERCENT}`]],
    [1, '10 %', [`spec.strategy.maxUnavailable: Invalid value: "10 %": ${PERCENT}`]],
    [
      '-5%',
      'x',
      [
        `spec.strategy.maxSurge: Invalid value: "-5%": ${PERCENT}`,
        `spec.strategy.maxUnavailable: Invalid value: "x": ${PERCENT}`,
      ],
    ],
    [-1, 1, ['spec.strategy.maxSurge: Invalid value: -1: must be greater than or equal to 0']],
    [
      1.5,
      1,
      ["spec.strategy.maxSurge: Invalid value: 1.5: must be an integer or percentage (e.g '5%')"],
    ],
    [
      true,
      1,
      ["spec.strategy.maxSurge: Invalid value: true: must be an integer or percentage (e.g '5%')"],
    ],
  ])(
    'names a malformed value: maxSurge %j, maxUnavailable %j',
    (maxSurge, maxUnavailable, expected) => {
      expect(validateRolloutSpec(aRollout({ canary: { maxSurge, maxUnavailable } }))).toEqual(
        expected,
      );
    },
  );

  it.each<[unknown, unknown, number]>([
    [0, '10%', 1], // resolves to 0 with one replica, but upstream checks the raw value
    ['0%', 1, 5],
    [undefined, 0, 5], // absent maxSurge is the 25% default
    [0, undefined, 5],
    ['25', '0', 5], // a string without % is a percentage upstream
  ])(
    'maxSurge %j with maxUnavailable %j (replicas %i) is fine',
    (maxSurge, maxUnavailable, replicas) => {
      expect(
        validateRolloutSpec(aRollout({ spec: { replicas }, canary: { maxSurge, maxUnavailable } })),
      ).toEqual([]);
    },
  );
});

describe('canary services and traffic routing', () => {
  it('rejects the same service as stable and canary', () => {
    const rollout = aRollout({
      canary: { canaryService: 'guestbook', stableService: 'guestbook' },
    });
    expect(validateRolloutSpec(rollout)).toEqual([
      'spec.strategy.stableService: Invalid value: "guestbook": This rollout uses the same service for the stable and canary services, but two different services are required.',
    ]);
  });

  it.each<[string, unknown]>([
    ['alb', { alb: { ingress: 'guestbook', rootService: 'guestbook-root' } }],
    ['istio without destinationRule', { istio: { virtualService: { name: 'guestbook' } } }],
    ['smi', { smi: {} }],
    ['apisix', { apisix: { route: { name: 'guestbook' } } }],
    ['ambassador', { ambassador: { mappings: ['guestbook'] } }],
    ['nginx', { nginx: { stableIngress: 'guestbook' } }],
    ['appMesh', { appMesh: {} }],
    ['traefik', { traefik: { weightedTraefikServiceName: 'guestbook' } }],
    [
      'traefik mixed with istio subsets',
      { traefik: {}, istio: { destinationRule: { name: 'dr' } } },
    ],
  ])('%s needs both services', (_router, trafficRouting) => {
    const rollout = aRollout({ trafficRouting });
    expect(validateRolloutSpec(rollout)).toEqual([
      `spec.strategy.stableService: Invalid value: "": ${SERVICES_FOR_ROUTING}`,
      `spec.strategy.canaryService: Invalid value: "": ${SERVICES_FOR_ROUTING}`,
    ]);
    expect(
      validateRolloutSpec(
        aRollout({ trafficRouting, canary: { stableService: 'guestbook-stable' } }),
      ),
    ).toEqual([`spec.strategy.canaryService: Invalid value: "": ${SERVICES_FOR_ROUTING}`]);
  });

  it.each<[string, unknown, Record<string, unknown>]>([
    [
      'istio with destinationRule subsets',
      {
        istio: {
          virtualService: { name: 'vs' },
          destinationRule: { name: 'dr', canarySubsetName: 'c', stableSubsetName: 's' },
        },
      },
      {},
    ],
    ['a plugin', { plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'guestbook' } } }, {}],
    [
      'alb with ping-pong',
      { alb: { ingress: 'guestbook', rootService: 'root' } },
      { pingPong: { pingService: 'ping', pongService: 'pong' } },
    ],
    ['an empty trafficRouting', {}, {}],
  ])('%s needs no canary/stable services', (_name, trafficRouting, canary) => {
    expect(validateRolloutSpec(aRollout({ trafficRouting, canary }))).toEqual([]);
  });
});

describe('ping-pong', () => {
  const alb = { alb: { ingress: 'guestbook', rootService: 'root' } };
  it.each<[string, Rollout, string]>([
    [
      'with a router that cannot do it',
      aRoutedRollout(
        { nginx: { stableIngress: 'guestbook' } },
        { canary: { pingPong: { pingService: 'ping', pongService: 'pong' } } },
      ),
      'spec.strategy.trafficRouting.alb: Invalid value: null: Ping-pong feature works with the ALB and Istio traffic routing only',
    ],
    [
      'without ping service',
      aRollout({ trafficRouting: alb, canary: { pingPong: { pongService: 'pong' } } }),
      'spec.strategy.pingPong.pingService: Invalid value: "": Ping service and Pong service must to be set to use Ping-Pong feature',
    ],
    [
      'without pong service',
      aRollout({ trafficRouting: alb, canary: { pingPong: { pingService: 'ping' } } }),
      'spec.strategy.pingPong.pongService: Invalid value: "": Ping service and Pong service must to be set to use Ping-Pong feature',
    ],
    [
      'with one service twice',
      aRollout({
        trafficRouting: alb,
        canary: { pingPong: { pingService: 'ping', pongService: 'ping' } },
      }),
      'spec.strategy.pingPong.pingService: Invalid value: "ping": This rollout uses the same service for the ping and pong services, but two different services are required.',
    ],
    [
      'with ALB but no root service',
      aRollout({
        trafficRouting: { alb: { ingress: 'guestbook' } },
        canary: { pingPong: { pingService: 'ping', pongService: 'pong' } },
      }),
      'spec.strategy.trafficRouting.alb.rootService: Invalid value: "": Root service field is required for the configuration with ALB and ping-pong feature enabled',
    ],
  ])('%s', (_name, rollout, expected) => {
    expect(validateRolloutSpec(rollout)[0]).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['istio', { istio: { virtualService: { name: 'vs' }, destinationRule: { name: 'dr' } } }],
    ['a plugin', { plugins: { 'my-org/router': {} } }],
  ])('works with %s', (_name, trafficRouting) => {
    expect(
      validateRolloutSpec(
        aRollout({
          trafficRouting,
          canary: { pingPong: { pingService: 'ping', pongService: 'pong' } },
        }),
      ),
    ).toEqual([]);
  });
});

describe('options that need traffic routing', () => {
  const smi = { smi: {} };
  it.each<[string, Rollout, string]>([
    [
      'scaleDownDelaySeconds on a basic canary',
      aRollout({ canary: { scaleDownDelaySeconds: 60 } }),
      'spec.strategy.scaleDownDelaySeconds: Invalid value: 60: Canary scaleDownDelaySeconds can only be used with traffic routing',
    ],
    [
      'dynamicStableScale on a basic canary',
      aRollout({ canary: { dynamicStableScale: true } }),
      'spec.strategy.dynamicStableScale: Invalid value: true: Canary dynamicStableScale can only be used with traffic routing',
    ],
    [
      'dynamicStableScale with scaleDownDelaySeconds',
      aRoutedRollout(smi, { canary: { dynamicStableScale: true, scaleDownDelaySeconds: 30 } }),
      'spec.strategy.dynamicStableScale: Invalid value: true: Canary dynamicStableScale cannot be used with scaleDownDelaySeconds',
    ],
    [
      'maxTrafficWeight with a router other than nginx or plugins',
      aRoutedRollout({ istio: { virtualService: { name: 'vs' } }, maxTrafficWeight: 1000 }),
      'spec.strategy.trafficRouting.maxTrafficWeight: Invalid value: 1000: Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins',
    ],
  ])('%s', (_name, rollout, expected) => {
    expect(validateRolloutSpec(rollout)).toEqual([expected]);
  });

  it.each<[string, Rollout]>([
    [
      'scaleDownDelaySeconds with smi',
      aRoutedRollout(smi, { canary: { scaleDownDelaySeconds: 30 } }),
    ],
    ['dynamicStableScale with smi', aRoutedRollout(smi, { canary: { dynamicStableScale: true } })],
    [
      'dynamicStableScale false on a basic canary',
      aRollout({ canary: { dynamicStableScale: false } }),
    ],
    [
      'maxTrafficWeight with nginx',
      aRoutedRollout(
        { nginx: { stableIngress: 'guestbook' }, maxTrafficWeight: 1000 },
        { steps: [{ setWeight: 5 }] },
      ),
    ],
    [
      'maxTrafficWeight with a plugin',
      aRoutedRollout(
        { plugins: { 'my-org/router': {} }, maxTrafficWeight: 1000 },
        { steps: [{ setWeight: 5 }] },
      ),
    ],
  ])('%s is fine', (_name, rollout) => {
    expect(validateRolloutSpec(rollout)).toEqual([]);
  });
});

describe('antiAffinity (canary)', () => {
  const none =
    'antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution: false antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution: false';
  const both =
    'antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution: true antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution: true';
  it.each<[string, unknown, string[]]>([
    [
      'neither kind',
      {},
      [
        `spec.strategy.antiAffinity: Invalid value: "${none}": AntiAffinity must have exactly one strategy listed`,
      ],
    ],
    [
      'both kinds',
      {
        preferredDuringSchedulingIgnoredDuringExecution: { weight: 10 },
        requiredDuringSchedulingIgnoredDuringExecution: {},
      },
      [
        `spec.strategy.antiAffinity: Invalid value: "${both}": AntiAffinity must have exactly one strategy listed`,
      ],
    ],
    [
      'weight above 100',
      { preferredDuringSchedulingIgnoredDuringExecution: { weight: 101 } },
      [
        'spec.strategy.antiAffinity.weight: Invalid value: 101: AntiAffinity weight must be between 1-100',
      ],
    ],
    [
      'weight missing',
      { preferredDuringSchedulingIgnoredDuringExecution: {} },
      [
        'spec.strategy.antiAffinity.weight: Invalid value: 0: AntiAffinity weight must be between 1-100',
      ],
    ],
    ['required only', { requiredDuringSchedulingIgnoredDuringExecution: {} }, []],
    [
      'preferred with weight 100',
      { preferredDuringSchedulingIgnoredDuringExecution: { weight: 100 } },
      [],
    ],
  ])('%s', (_name, antiAffinity, expected) => {
    expect(validateRolloutSpec(aRollout({ canary: { antiAffinity } }))).toEqual(expected);
  });
});
