import { describe, expect, it } from 'vitest';
import { pruneNonNullableNulls, pruneUnknownFields } from '../../../src/devcluster/schema/index.js';
import type { JSONSchemaProps } from '../../../src/devcluster/schema/index.js';
import { aCrdSchema, aRolloutSchema, arr, int, map, obj, preserve, str } from './builders.js';

const meta = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'w', labels: { a: 'b' }, somethingOdd: 1 },
};

describe('pruneUnknownFields', () => {
  it.each<[string, JSONSchemaProps, unknown, unknown]>([
    [
      'keeps apiVersion, kind and metadata at the root even when the schema does not list them',
      obj({ spec: obj({ a: str() }) }),
      { ...meta, spec: { a: 'x' } },
      { ...meta, spec: { a: 'x' } },
    ],
    [
      'drops unknown root fields and unknown fields under specified properties',
      aCrdSchema({ spec: obj({ a: str() }) }),
      { ...meta, extra: true, spec: { a: 'x', b: 'y' } },
      { ...meta, spec: { a: 'x' } },
    ],
    [
      'prunes status fields the schema does not know and keeps the known ones',
      aRolloutSchema(),
      {
        ...meta,
        status: { phase: 'Healthy', currentStepIndex: 2, stableRS: 'abc', canary: { weights: {} } },
      },
      { ...meta, status: { phase: 'Healthy', currentStepIndex: 2 } },
    ],
    [
      'prunes inside array items',
      aRolloutSchema(),
      { ...meta, status: { conditions: [{ type: 'Ready', status: 'True', lastUpdateTime: 'x' }] } },
      { ...meta, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    ],
    [
      'keeps unknown fields under x-kubernetes-preserve-unknown-fields, nested objects included',
      aCrdSchema({ spec: obj({ template: preserve() }) }),
      { ...meta, spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }] }, x: 1 } } },
      { ...meta, spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }] }, x: 1 } } },
    ],
    [
      'still prunes below a property specified inside a preserve-unknown-fields node',
      aCrdSchema({ spec: preserve({ properties: { known: obj({ a: str() }) } }) }),
      { ...meta, spec: { anything: { deep: 1 }, known: { a: 'x', b: 'pruned' } } },
      { ...meta, spec: { anything: { deep: 1 }, known: { a: 'x' } } },
    ],
    [
      'keeps map entries and prunes their values by the additionalProperties schema',
      aCrdSchema({ spec: obj({ byName: map(obj({ a: str() })) }) }),
      { ...meta, spec: { byName: { one: { a: 'x', b: 'y' }, two: {} } } },
      { ...meta, spec: { byName: { one: { a: 'x' }, two: {} } } },
    ],
    [
      'keeps scalars but empties objects under additionalProperties: true',
      aCrdSchema({ spec: obj({ labels: { type: 'object', additionalProperties: true } }) }),
      { ...meta, spec: { labels: { a: 'b', nested: { c: 1 } } } },
      { ...meta, spec: { labels: { a: 'b', nested: {} } } },
    ],
    [
      'empties an object whose schema specifies no properties',
      aCrdSchema({ spec: obj({ opaque: { type: 'object' } }) }),
      { ...meta, spec: { opaque: { a: 1 } } },
      { ...meta, spec: { opaque: {} } },
    ],
    [
      'keeps apiVersion/kind/metadata of embedded resources and drops unknown metadata fields there',
      aCrdSchema({
        spec: obj({ ref: obj({ spec: obj({}) }, { 'x-kubernetes-embedded-resource': true }) }),
      }),
      {
        ...meta,
        spec: {
          ref: {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'p', bogus: 1 },
            spec: {},
            other: 1,
          },
        },
      },
      {
        ...meta,
        spec: { ref: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} } },
      },
    ],
    [
      'prunes apiVersion/kind below the root when the node is not an embedded resource',
      aCrdSchema({ spec: obj({ ref: obj({ name: str() }) }) }),
      { ...meta, spec: { ref: { apiVersion: 'v1', kind: 'Pod', name: 'p' } } },
      { ...meta, spec: { ref: { name: 'p' } } },
    ],
  ])('%s', (_name, schema, input, expected) => {
    expect(pruneUnknownFields(input, schema)).toEqual(expected);
  });

  it('never mutates its input', () => {
    const input = { ...meta, spec: { a: 'x', b: 'y' } };
    const snapshot = structuredClone(input);
    pruneUnknownFields(input, aCrdSchema({ spec: obj({ a: str() }) }));
    expect(input).toEqual(snapshot);
  });

  it('treats prototype-looking keys as unknown fields', () => {
    const input = JSON.parse(
      '{"spec":{"__proto__":{"polluted":true},"constructor":1,"a":"x"}}',
    ) as unknown;
    const out = pruneUnknownFields(input, aCrdSchema({ spec: obj({ a: str() }) }));
    expect(out).toEqual({ spec: { a: 'x' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('pruneNonNullableNulls', () => {
  const schema = aCrdSchema({
    spec: obj({
      plain: str(),
      nullable: str({ nullable: true }),
      defaulted: int({ default: 3 }),
      list: arr(str()),
    }),
  });

  it.each<[string, unknown, unknown]>([
    [
      'drops a null that is neither nullable nor defaulted',
      { spec: { plain: null } },
      { spec: {} },
    ],
    ['keeps a nullable null', { spec: { nullable: null } }, { spec: { nullable: null } }],
    [
      'leaves a null with a default for defaulting',
      { spec: { defaulted: null } },
      { spec: { defaulted: null } },
    ],
    ['never drops array items', { spec: { list: ['a', null] } }, { spec: { list: ['a', null] } }],
  ])('%s', (_name, input, expected) => {
    expect(pruneNonNullableNulls(input, schema)).toEqual(expected);
  });
});
