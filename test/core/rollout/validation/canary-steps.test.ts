import { describe, expect, it } from 'vitest';
import type { Rollout } from '../../../../src/domain/index.js';
import { validateRolloutSpec } from '../../../../src/core/rollout/validation/index.js';
import { aRollout } from '../../../support/builders/index.js';
import { aRoutedRollout } from './builders.js';

const STEP =
  'Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause';
const istio = { istio: { virtualService: { name: 'vs' } } };
const alb = { alb: { ingress: 'guestbook', rootService: 'guestbook-root' } };
const headerRoute = {
  name: 'hdr',
  match: [{ headerName: 'agent', headerValue: { exact: 'chrome' } }],
};
const mirrorRoute = { name: 'mirror', match: [{ method: { exact: 'GET' } }], percentage: 50 };
const routed = (trafficRouting: Record<string, unknown>, steps: unknown[]): Rollout =>
  aRoutedRollout(trafficRouting, { steps });

describe('step kinds', () => {
  it.each<[string, unknown[], string]>([
    [
      'an empty step',
      [{}],
      `spec.strategy.steps[0]: Invalid value: "step.Experiment: true step.Pause: true step.SetWeight: true step.Analysis: true step.SetCanaryScale: true step.SetHeaderRoute: true step.SetMirrorRoutes: true step.Plugin: true": ${STEP}`,
    ],
    [
      'setWeight and pause in one step',
      [{ setWeight: 10, pause: {} }],
      `spec.strategy.steps[0]: Invalid value: "step.Experiment: false step.Pause: true step.SetWeight: true step.Analysis: false": ${STEP}`,
    ],
    [
      'experiment and analysis in one step (second step)',
      [{ setWeight: 10 }, { experiment: { templates: [] }, analysis: { templates: [] } }],
      `spec.strategy.steps[1]: Invalid value: "step.Experiment: true step.Pause: false step.SetWeight: false step.Analysis: true": ${STEP}`,
    ],
  ])('%s', (_name, steps, expected) => {
    expect(validateRolloutSpec(aRollout({ steps }))).toEqual([expected]);
  });

  it.each<[string, unknown[]]>([
    ['a plugin step', [{ plugin: { name: 'my-org/step', config: {} } }]],
    ['an analysis step', [{ analysis: { templates: [{ templateName: 'success-rate' }] } }]],
    [
      'an experiment step',
      [{ experiment: { duration: '5m', templates: [{ name: 'canary', specRef: 'canary' }] } }],
    ],
  ])('%s is a step on its own', (_name, steps) => {
    expect(validateRolloutSpec(aRollout({ steps }))).toEqual([]);
  });
});

describe('setWeight range', () => {
  const nginxMax1000 = { nginx: { stableIngress: 'guestbook' }, maxTrafficWeight: 1000 };
  it.each<[string, Rollout, string]>([
    [
      'above 100',
      aRollout({ steps: [{ setWeight: 101 }] }),
      'spec.strategy.steps[0].setWeight: Invalid value: 101: SetWeight needs to be between 0 and 100',
    ],
    [
      'negative',
      aRollout({ steps: [{ setWeight: -1 }] }),
      'spec.strategy.steps[0].setWeight: Invalid value: -1: SetWeight needs to be between 0 and 100',
    ],
    [
      'above maxTrafficWeight',
      routed(nginxMax1000, [{ setWeight: 1001 }]),
      'spec.strategy.steps[0].setWeight: Invalid value: 1001: SetWeight needs to be between 0 and 1000',
    ],
  ])('%s', (_name, rollout, expected) => {
    expect(validateRolloutSpec(rollout)).toEqual([expected]);
  });

  it.each<[string, Rollout]>([
    ['0 and 100', aRollout({ steps: [{ setWeight: 0 }, { setWeight: 100 }] })],
    ['200 of 1000', routed(nginxMax1000, [{ setWeight: 200 }])],
  ])('%s is in range', (_name, rollout) => {
    expect(validateRolloutSpec(rollout)).toEqual([]);
  });
});

describe('pause duration', () => {
  const bad = (shown: number | string): string =>
    `spec.strategy.steps[0].pause.duration: Invalid value: ${shown}: Duration needs to be greater than 0`;
  it.each<[unknown, string]>([
    // Unreadable: the value written is shown (upstream shows the -1 it reads them as).
    ['abc', bad('"abc"')],
    ['10x', bad('"10x"')],
    ['5 s', bad('"5 s"')],
    ['1.5', bad('"1.5"')],
    ['', bad('""')],
    ['99999999999', bad('"99999999999"')], // past int32 and without a unit
    [1.5, bad(1.5)],
    // Readable but negative: the seconds, as upstream shows them.
    [-1, bad(-1)],
    [-30, bad(-30)],
    ['-30', bad(-30)],
    ['-5s', bad(-5)],
  ])('%j is rejected', (duration, expected) => {
    expect(validateRolloutSpec(aRollout({ steps: [{ pause: { duration } }] }))).toEqual([expected]);
  });

  it.each<unknown>([0, '0', 30, '30', '+30', '30s', '1m', '1h30m', '1.5h', '500ms', '-0s', null])(
    '%j is accepted',
    (duration) => {
      expect(validateRolloutSpec(aRollout({ steps: [{ pause: { duration } }] }))).toEqual([]);
    },
  );
});

describe('steps that need traffic routing', () => {
  it.each<[string, Rollout, string[]]>([
    [
      'setCanaryScale on a basic canary',
      aRollout({ steps: [{ setCanaryScale: { replicas: 1 } }] }),
      [
        'spec.strategy.trafficRouting: Required value: SetCanaryScale requires TrafficRouting to be set',
      ],
    ],
    [
      'setHeaderRoute on a basic canary',
      aRollout({ steps: [{ setHeaderRoute: headerRoute }] }),
      [
        'spec.strategy.steps[0].setHeaderRoute: Invalid value: {"name":"hdr","match":[{"headerName":"agent","headerValue":{"exact":"chrome"}}]}: SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix',
      ],
    ],
    [
      'setHeaderRoute with nginx',
      routed({ nginx: { stableIngress: 'guestbook' }, managedRoutes: [{ name: 'hdr' }] }, [
        { setHeaderRoute: headerRoute },
      ]),
      [
        'spec.strategy.steps[0].setHeaderRoute: Invalid value: {"name":"hdr","match":[{"headerName":"agent","headerValue":{"exact":"chrome"}}]}: SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix',
      ],
    ],
    [
      'setMirrorRoute with ALB',
      routed(alb, [{ setMirrorRoute: mirrorRoute }]),
      [
        'spec.strategy.steps[0].setMirrorRoute: Invalid value: {"name":"mirror","match":[{"method":{"exact":"GET"}}],"percentage":50}: SetMirrorRoute requires TrafficRouting, supports Istio and Plugins',
        "spec.strategy.trafficRouting.managedRoutes: Required value: Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes'",
      ],
    ],
    [
      'a header route without managedRoutes',
      routed(istio, [{ setHeaderRoute: headerRoute }]),
      [
        "spec.strategy.trafficRouting.managedRoutes: Required value: Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes'",
      ],
    ],
    [
      'a header route not listed in managedRoutes',
      routed({ ...istio, managedRoutes: [{ name: 'other' }] }, [{ setHeaderRoute: headerRoute }]),
      [
        'spec.strategy.steps[0].setHeaderRoute: Invalid value: "hdr": Steps define a route that does not exist in spec.strategy.canary.trafficRouting.managedRoutes',
      ],
    ],
    [
      'a mirror route not listed in an empty managedRoutes',
      routed({ ...istio, managedRoutes: [] }, [{ setMirrorRoute: mirrorRoute }]),
      [
        'spec.strategy.steps[0].setMirrorRoute: Invalid value: "mirror": Steps define a route that does not exist in spec.strategy.canary.trafficRouting.managedRoutes',
      ],
    ],
  ])('%s', (_name, rollout, expected) => {
    expect(validateRolloutSpec(rollout)).toEqual(expected);
  });

  it.each<[string, Rollout]>([
    ['setCanaryScale with smi', routed({ smi: {} }, [{ setCanaryScale: { weight: 20 } }])],
    [
      'header and mirror routes with istio',
      routed({ ...istio, managedRoutes: [{ name: 'hdr' }, { name: 'mirror' }] }, [
        { setHeaderRoute: headerRoute },
        { setMirrorRoute: mirrorRoute },
      ]),
    ],
    [
      'header route with ALB (exact)',
      routed({ ...alb, managedRoutes: [{ name: 'hdr' }] }, [{ setHeaderRoute: headerRoute }]),
    ],
    [
      'header and mirror routes with a plugin',
      routed(
        { plugins: { 'my-org/router': {} }, managedRoutes: [{ name: 'hdr' }, { name: 'mirror' }] },
        [{ setHeaderRoute: headerRoute }, { setMirrorRoute: mirrorRoute }],
      ),
    ],
    [
      'removing a header route (no match)',
      routed({ ...istio, managedRoutes: [{ name: 'hdr' }] }, [{ setHeaderRoute: { name: 'hdr' } }]),
    ],
  ])('%s is fine', (_name, rollout) => {
    expect(validateRolloutSpec(rollout)).toEqual([]);
  });
});

describe('string matches in route steps', () => {
  const MULTIPLE =
    'StringMatch match value must have exactly one of the following: exact, regex, prefix';
  const MISSED =
    'StringMatch value missed, match value must have one of the following: exact, regex, prefix';
  const withIstio = (step: unknown): Rollout =>
    routed({ ...istio, managedRoutes: [{ name: 'hdr' }, { name: 'mirror' }] }, [step]);
  const withAlb = (step: unknown): Rollout =>
    routed({ ...alb, managedRoutes: [{ name: 'hdr' }] }, [step]);
  const header = (headerValue: unknown): unknown => ({
    setHeaderRoute: {
      name: 'hdr',
      match: [{ headerName: 'agent', ...(headerValue === undefined ? {} : { headerValue }) }],
    },
  });
  const at = 'spec.strategy.steps[0].setHeaderRoute.match[0]';

  it.each<[string, Rollout, string[]]>([
    [
      'two kinds of header match (istio)',
      withIstio(header({ exact: 'chrome', regex: 'chrome(.*)' })),
      [`${at}: Invalid value: {"exact":"chrome","regex":"chrome(.*)"}: ${MULTIPLE}`],
    ],
    [
      'no header value (istio)',
      withIstio(header(undefined)),
      [`${at}: Invalid value: null: ${MISSED}`],
    ],
    [
      'an empty header value (istio)',
      withIstio(header({})),
      [`${at}: Invalid value: {}: ${MISSED}`],
    ],
    [
      'a prefix header match (ALB)',
      withAlb(header({ prefix: 'chrome' })),
      [
        `${at}: Invalid value: {"prefix":"chrome"}: SetHeaderRoute match value invalid. ALB supports 'exact' value only`,
      ],
    ],
    [
      'exact and regex (ALB)',
      withAlb(header({ exact: 'chrome', regex: 'c.*' })),
      [
        `${at}: Invalid value: {"exact":"chrome","regex":"c.*"}: SetHeaderRoute match value invalid. ALB supports 'exact' value only`,
      ],
    ],
    [
      'no header value (ALB)',
      withAlb(header(undefined)),
      [`${at}: Invalid value: null: ${MISSED}`],
    ],
    [
      // Upstream checks the method twice, so a bad method is reported twice.
      'a mirror method with two kinds',
      withIstio({
        setMirrorRoute: { name: 'mirror', match: [{ method: { exact: 'GET', prefix: 'G' } }] },
      }),
      [
        `spec.strategy.steps[0].setMirrorRoute.match[0]: Invalid value: {"exact":"GET","prefix":"G"}: ${MULTIPLE}`,
        `spec.strategy.steps[0].setMirrorRoute.match[0]: Invalid value: {"exact":"GET","prefix":"G"}: ${MULTIPLE}`,
      ],
    ],
    [
      'an empty mirror path',
      withIstio({ setMirrorRoute: { name: 'mirror', match: [{ path: {} }] } }),
      [`spec.strategy.steps[0].setMirrorRoute.match[0]: Invalid value: {}: ${MISSED}`],
    ],
  ])('%s', (_name, rollout, expected) => {
    expect(validateRolloutSpec(rollout)).toEqual(expected);
  });
});

describe('experiment template weights', () => {
  const step = { experiment: { templates: [{ name: 'canary', specRef: 'canary', weight: 20 }] } };
  const at = 'spec.strategy.steps[0].experiment.templates[0].weight: Invalid value: 20';
  it.each<[string, Rollout, string[]]>([
    [
      'without traffic routing',
      aRollout({ steps: [step] }),
      [`${at}: Experiment template weight cannot be set unless TrafficRouting is enabled`],
    ],
    [
      'with nginx',
      routed({ nginx: { stableIngress: 'guestbook' } }, [step]),
      [
        `${at}: Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time`,
      ],
    ],
    [
      'with an empty trafficRouting',
      aRollout({ trafficRouting: {}, steps: [step] }),
      [
        `${at}: Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time`,
      ],
    ],
    ['with smi', routed({ smi: {} }, [step]), []],
    ['with istio', routed(istio, [step]), []],
    ['with a plugin', routed({ plugins: { 'my-org/router': {} } }, [step]), []],
  ])('%s', (_name, rollout, expected) => {
    expect(validateRolloutSpec(rollout)).toEqual(expected);
  });
});

describe('analysis arguments from Rollout metadata', () => {
  const arg = (fieldPath: string): unknown => ({
    name: 'app',
    valueFrom: { fieldRef: { fieldPath } },
  });
  it('rejects a metadata path the downward API cannot read', () => {
    const rollout = aRollout({
      steps: [
        { analysis: { templates: [{ templateName: 't' }], args: [arg("metadata.label['app']")] } },
      ],
    });
    expect(validateRolloutSpec(rollout)).toEqual([
      `spec.strategy.steps[0].analyses: Invalid value: [{"name":"app","valueFrom":{"fieldRef":{"fieldPath":"metadata.label['app']"}}}]: Analyses arguments must refer to valid object metadata supported by downwardAPI`,
    ]);
  });

  it('checks experiment analyses too', () => {
    const rollout = aRollout({
      steps: [
        {
          experiment: {
            templates: [],
            analyses: [{ name: 'a', templateName: 't', args: [arg('metadata.nope')] }],
          },
        },
      ],
    });
    expect(validateRolloutSpec(rollout)[0]).toMatch(
      /^spec\.strategy\.steps\[0\]\.analyses: Invalid value: .*: Analyses arguments must refer/,
    );
  });

  it.each([
    "metadata.labels['app']",
    "metadata.annotations['Example.com/Team']",
    'metadata.name',
    'metadata.uid',
    'status.podIP',
  ])('accepts %s', (fieldPath) => {
    expect(
      validateRolloutSpec(
        aRollout({
          steps: [{ analysis: { templates: [{ templateName: 't' }], args: [arg(fieldPath)] } }],
        }),
      ),
    ).toEqual([]);
  });
});
