import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rollout, Service } from '../../../../src/domain/index.js';
import {
  invalidSpecMessage,
  validateRolloutReferences,
  validateRolloutSpec,
} from '../../../../src/core/rollout/validation/index.js';

// Values of the wrong type anywhere: the validators read hand-written manifests and must never throw.
const junk = fc.anything({
  maxDepth: 2,
  withNullPrototype: true,
  withBigInt: true,
  withSparseArray: true,
  withMap: true,
  withBoxedValues: true,
});
const or = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: junk });
const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) =>
  or(fc.record(shape, { requiredKeys: [] }));

const name = or(fc.constantFrom('', 'a', 'stable', 'canary', 'ping', 'pong', 'x y'));
const intOrString = or(
  fc.oneof(
    fc.integer({ min: -5, max: 300 }),
    fc.constantFrom('0', '0%', '25%', '1m', '30s', '-1', 'abc', '', '1.5h', '99999999999'),
  ),
);
const labels = or(
  fc.dictionary(
    fc.constantFrom('app', 'tier', 'bad key', 'a/b/c', 'example.com/x', ''),
    fc.constantFrom('guestbook', 'x', '-bad', ''),
  ),
);
const stringMatch = partial({
  exact: or(fc.string()),
  prefix: or(fc.string()),
  regex: or(fc.string()),
});
const step = partial({
  setWeight: intOrString,
  pause: partial({ duration: intOrString }),
  setCanaryScale: partial({ replicas: intOrString, weight: intOrString }),
  analysis: partial({
    args: or(
      fc.array(
        partial({
          name,
          valueFrom: partial({
            fieldRef: partial({
              fieldPath: or(
                fc.constantFrom(
                  'metadata.name',
                  "metadata.labels['x']",
                  "metadata.x['y']",
                  'metadata',
                ),
              ),
            }),
          }),
        }),
      ),
    ),
  }),
  experiment: partial({
    templates: or(fc.array(partial({ name, weight: intOrString }))),
    analyses: or(fc.array(partial({ args: junk }))),
  }),
  setHeaderRoute: partial({
    name,
    match: or(fc.array(partial({ headerName: name, headerValue: stringMatch }))),
  }),
  setMirrorRoute: partial({
    name,
    match: or(fc.array(partial({ method: stringMatch, path: stringMatch, headers: junk }))),
    percentage: intOrString,
  }),
  plugin: partial({ name }),
});
const trafficRouting = partial({
  alb: partial({ rootService: name }),
  istio: partial({ destinationRule: partial({ name }) }),
  smi: junk,
  nginx: junk,
  plugins: or(fc.dictionary(fc.string(), junk)),
  maxTrafficWeight: intOrString,
  managedRoutes: or(fc.array(partial({ name }))),
});
const antiAffinity = partial({
  preferredDuringSchedulingIgnoredDuringExecution: partial({ weight: intOrString }),
  requiredDuringSchedulingIgnoredDuringExecution: junk,
});
const canary = partial({
  canaryService: name,
  stableService: name,
  maxSurge: intOrString,
  maxUnavailable: intOrString,
  steps: or(fc.array(step, { maxLength: 4 })),
  trafficRouting,
  pingPong: partial({ pingService: name, pongService: name }),
  scaleDownDelaySeconds: intOrString,
  dynamicStableScale: or(fc.boolean()),
  antiAffinity,
  canaryMetadata: partial({ labels }),
});
const blueGreen = partial({
  activeService: name,
  previewService: name,
  scaleDownDelayRevisionLimit: intOrString,
  antiAffinity,
  activeMetadata: partial({ labels }),
});
const selector = partial({
  matchLabels: labels,
  matchExpressions: or(
    fc.array(
      partial({
        key: name,
        operator: or(fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Equals')),
        values: or(fc.array(fc.string())),
      }),
    ),
  ),
});
const spec = partial({
  replicas: intOrString,
  selector,
  template: partial({
    metadata: partial({ labels, annotations: labels }),
    spec: partial({
      containers: or(fc.array(partial({ name, image: name }))),
      restartPolicy: name,
    }),
  }),
  workloadRef: junk,
  minReadySeconds: intOrString,
  revisionHistoryLimit: intOrString,
  progressDeadlineSeconds: intOrString,
  strategy: partial({ canary, blueGreen }),
});
const rollout = fc.oneof(
  { weight: 5, arbitrary: partial({ metadata: partial({ name }), spec }) },
  { weight: 1, arbitrary: junk },
);
const service = partial({
  metadata: partial({
    name,
    annotations: or(
      fc.dictionary(fc.constantFrom('argo-rollouts.argoproj.io/managed-by-rollouts', 'x'), name),
    ),
  }),
  spec: partial({ selector: labels }),
});
const services = fc.array(
  fc.tuple(fc.constantFrom('stable', 'canary', 'a', 'ping', 'pong', ''), or(service)),
  { maxLength: 5 },
);

const FIELD_ERROR =
  /^spec[\w.[\]-]*: (Required value|Invalid value|Forbidden|Internal error|Unsupported value|Duplicate value)/;

describe('validation never throws on garbage', () => {
  it('validateRolloutSpec returns field-error strings for partial, mistyped Rollouts', () => {
    fc.assert(
      fc.property(rollout, (r) => {
        const errors = validateRolloutSpec(r as Rollout);
        expect(Array.isArray(errors)).toBe(true);
        for (const e of errors) {
          expect(typeof e).toBe('string');
          expect(e).toMatch(FIELD_ERROR);
        }
        for (const e of errors) expect(typeof invalidSpecMessage(r as Rollout, e)).toBe('string');
        expect(validateRolloutSpec(r as Rollout)).toEqual(errors); // pure: same input, same answer
      }),
      { numRuns: 400 },
    );
  });

  it('validateRolloutReferences returns strings whatever the Services look like', () => {
    fc.assert(
      fc.property(rollout, services, (r, entries) => {
        const map = new Map(entries as Array<[string, Service | undefined]>);
        const errors = validateRolloutReferences(r as Rollout, { services: map });
        for (const e of errors) expect(e).toMatch(FIELD_ERROR);
      }),
      { numRuns: 300 },
    );
  });
});
