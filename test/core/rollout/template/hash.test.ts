import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  computePodTemplateHash,
  computeStepsHash,
  fnv1a32,
  safeEncodeString,
} from '../../../../src/core/rollout/template/index.js';
import type { PodTemplateSpec } from '../../../../src/domain/index.js';
import { aTemplate } from './builders.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const SAFE = /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/;

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
    ['null', 0x77074ba4],
  ])('hashes %j to the published FNV-1a 32 vector', (input, expected) => {
    expect(fnv1a32(bytes(input))).toBe(expected);
  });

  it('continues from a seed as if the bytes were concatenated', () => {
    expect(fnv1a32(bytes('bar'), fnv1a32(bytes('foo')))).toBe(0xbf9cf968);
  });
});

describe('safeEncodeString', () => {
  it('maps the digits 0–9 to 4 5 6 7 8 9 b c d f', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it.each([
    ['', ''],
    ['1996966820', '5ffbfbbd64'],
    ['abc', 'vwx'], // 97 % 27 = 16
  ])('encodes %j as %j', (input, expected) => {
    expect(safeEncodeString(input)).toBe(expected);
  });
});

describe('canonicalJson', () => {
  it('sorts keys recursively and drops undefined and null members, but keeps array slots', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, undefined, null], c: null, e: undefined } })).toBe(
      '{"a":{"d":[3,null,null]},"b":1}',
    );
  });
});

describe('computePodTemplateHash', () => {
  const template = aTemplate();

  it('is the safe encoding of the FNV-1a of the canonical JSON', () => {
    const expected = safeEncodeString(String(fnv1a32(bytes(canonicalJson(template)))));
    expect(computePodTemplateHash(template)).toBe(expected);
    expect(computePodTemplateHash(template)).toMatch(SAFE);
  });

  it('does not depend on key order', () => {
    const reordered: PodTemplateSpec = {
      spec: {
        containers: [
          { ports: [{ containerPort: 8080 }], image: 'argoproj/rollouts-demo:blue', name: 'app' },
        ],
      },
      metadata: { labels: { app: 'guestbook' } },
    };
    expect(computePodTemplateHash(reordered)).toBe(computePodTemplateHash(template));
  });

  it('ignores creationTimestamp: null, as written by Go clients and echoed by older API servers', () => {
    const withNull: PodTemplateSpec = {
      ...template,
      metadata: { ...template.metadata, creationTimestamp: null },
    };
    expect(computePodTemplateHash(withNull)).toBe(computePodTemplateHash(template));
  });

  it('changes with the image', () => {
    expect(computePodTemplateHash(aTemplate({ image: 'argoproj/rollouts-demo:green' }))).not.toBe(
      computePodTemplateHash(template),
    );
  });

  it('feeds collisionCount as 8 more bytes (uint32 LE + 4 zero bytes)', () => {
    const base = fnv1a32(bytes(canonicalJson(template)));
    const withTwo = fnv1a32(new Uint8Array([2, 0, 0, 0, 0, 0, 0, 0]), base);
    expect(computePodTemplateHash(template, 2)).toBe(safeEncodeString(String(withTwo)));
  });

  it('differs for no collisionCount, 0 and 1', () => {
    const hashes = new Set([
      computePodTemplateHash(template),
      computePodTemplateHash(template, 0),
      computePodTemplateHash(template, 1),
    ]);
    expect(hashes.size).toBe(3);
    expect(computePodTemplateHash(template, null)).toBe(computePodTemplateHash(template));
  });
});

describe('computeStepsHash', () => {
  const nilHash = '5ffbfbbd64'; // safeEncode(String(fnv1a32("null"))): upstream hashes nil steps as `null`

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['[]', []],
  ])('hashes %s steps like upstream hashes nil', (_name, steps) => {
    expect(computeStepsHash(steps)).toBe(nilHash);
  });

  it('is stable across key order and changes with the steps', () => {
    const a = computeStepsHash([{ setWeight: 20 }, { pause: { duration: '10s' } }]);
    expect(computeStepsHash([{ setWeight: 20 }, { pause: { duration: '10s' } }])).toBe(a);
    expect(computeStepsHash([{ setWeight: 40 }, { pause: { duration: '10s' } }])).not.toBe(a);
    expect(a).toMatch(SAFE);
  });
});

// Random templates: JSON-ish metadata and spec, any collision count.
const arbTemplate: fc.Arbitrary<PodTemplateSpec> = fc.record(
  {
    metadata: fc.record(
      {
        labels: fc.dictionary(fc.string(), fc.string()),
        annotations: fc.dictionary(fc.string(), fc.string()),
      },
      { requiredKeys: [] },
    ),
    spec: fc.dictionary(fc.string(), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([k, v]) => [k, reverseKeys(v)]));
}

describe('computePodTemplateHash properties', () => {
  it('always yields 1–10 safe-alphabet characters', () => {
    fc.assert(
      fc.property(arbTemplate, fc.option(fc.nat(), { nil: undefined }), (t, collisionCount) => {
        expect(computePodTemplateHash(t, collisionCount)).toMatch(SAFE);
      }),
    );
  });

  it('is invariant under key order', () => {
    fc.assert(
      fc.property(arbTemplate, (t) => {
        expect(computePodTemplateHash(reverseKeys(t) as PodTemplateSpec)).toBe(
          computePodTemplateHash(t),
        );
      }),
    );
  });
});
