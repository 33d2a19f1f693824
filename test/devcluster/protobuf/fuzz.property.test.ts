import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtobufDecodeError, decodeKubeProtobuf } from '../../../src/devcluster/protobuf/index.js';
import { FIXTURE_NAMES, kubectlBody } from './fixtures.js';
import { bytes, concat, fixed32, fixed64, int, kubeBody } from './wire-encoder.js';

const KINDS: Array<[string, string]> = [
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'Pod'],
  ['v1', 'Service'],
  ['apps/v1', 'Deployment'],
  ['batch/v1', 'CronJob'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['policy/v1', 'PodDisruptionBudget'],
  ['coordination.k8s.io/v1', 'Lease'],
];

/** Decoding either yields plain JSON or throws ProtobufDecodeError; nothing else escapes. */
function assertDecodesOrRejects(body: Uint8Array): void {
  let out: Record<string, unknown>;
  try {
    out = decodeKubeProtobuf(body);
  } catch (err) {
    expect(err).toBeInstanceOf(ProtobufDecodeError);
    return;
  }
  expect(JSON.parse(JSON.stringify(out))).toStrictEqual(out);
}

/** Well-formed protobuf of random shape: the decoder sees real nesting, and wire types that clash with its schema. */
const { message } = fc.letrec<{ message: number[]; field: number[] }>((tie) => ({
  message: fc.array(tie('field'), { maxLength: 6 }).map((fields) => fields.flat()),
  field: fc.oneof(
    { depthSize: 'small' },
    fc
      .tuple(fc.integer({ min: 1, max: 45 }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }))
      .map(([n, v]) => int(n, v)),
    fc
      .tuple(fc.integer({ min: 1, max: 45 }), fc.string({ maxLength: 8 }))
      .map(([n, s]) => bytes(n, s)),
    fc.tuple(fc.integer({ min: 1, max: 45 }), fc.double()).map(([n, d]) => fixed64(n, d)),
    fc.tuple(fc.integer({ min: 1, max: 45 }), fc.nat()).map(([n, v]) => fixed32(n, v)),
    fc.tuple(fc.integer({ min: 1, max: 45 }), tie('message')).map(([n, m]) => bytes(n, m)),
  ),
}));

describe('decodeKubeProtobuf never fails with anything but ProtobufDecodeError', () => {
  it('on random bytes, with and without the k8s magic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (random, magic) => {
        assertDecodesOrRejects(magic ? concat([0x6b, 0x38, 0x73, 0x00], random) : random);
      }),
      { numRuns: 2000 },
    );
  });

  it('on random bytes and random well-formed messages as the raw object of every supported kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.oneof(fc.uint8Array({ maxLength: 200 }), message),
        ([apiVersion, kind], raw) => {
          assertDecodesOrRejects(kubeBody(apiVersion, kind, raw));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each(FIXTURE_NAMES)('on every truncation of the kubectl %s body', (name) => {
    const body = kubectlBody(name);
    for (let length = 0; length < body.length; length++)
      assertDecodesOrRejects(body.subarray(0, length));
  });

  it('on kubectl bodies with one byte changed', () => {
    const bodies = FIXTURE_NAMES.map(kubectlBody);
    fc.assert(
      fc.property(
        fc.constantFrom(...bodies),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (body, at, byte) => {
          const mutated = body.slice();
          mutated[at % mutated.length] = byte;
          assertDecodesOrRejects(mutated);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
