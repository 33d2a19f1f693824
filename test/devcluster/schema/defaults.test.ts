import { describe, expect, it } from 'vitest';
import { applyDefaults } from '../../../src/devcluster/schema/index.js';
import type { JSONSchemaProps } from '../../../src/devcluster/schema/index.js';
import { aCrdSchema, arr, int, map, obj, str } from './builders.js';

const withSpec = (spec: JSONSchemaProps): JSONSchemaProps => aCrdSchema({ spec });

describe('applyDefaults', () => {
  it.each<[string, JSONSchemaProps, unknown, unknown]>([
    [
      'sets a missing property',
      withSpec(obj({ replicas: int({ default: 1 }) })),
      { spec: {} },
      { spec: { replicas: 1 } },
    ],
    [
      'keeps a value that is present',
      withSpec(obj({ replicas: int({ default: 1 }) })),
      { spec: { replicas: 0 } },
      { spec: { replicas: 0 } },
    ],
    [
      'does not create a missing parent object',
      withSpec(obj({ strategy: obj({ maxSurge: int({ default: 1 }) }) })),
      { spec: {} },
      { spec: {} },
    ],
    [
      'defaults inside a defaulted parent',
      withSpec(obj({ strategy: obj({ maxSurge: int({ default: 1 }) }, { default: {} }) })),
      { spec: {} },
      { spec: { strategy: { maxSurge: 1 } } },
    ],
    [
      'defaults inside every array item',
      withSpec(obj({ steps: arr(obj({ weight: int({ default: 10 }), name: str() })) })),
      { spec: { steps: [{ name: 'a' }, { name: 'b', weight: 50 }] } },
      {
        spec: {
          steps: [
            { name: 'a', weight: 10 },
            { name: 'b', weight: 50 },
          ],
        },
      },
    ],
    [
      'defaults inside additionalProperties values',
      withSpec(obj({ ports: map(obj({ protocol: str({ default: 'TCP' }) })) })),
      { spec: { ports: { http: {}, dns: { protocol: 'UDP' } } } },
      { spec: { ports: { http: { protocol: 'TCP' }, dns: { protocol: 'UDP' } } } },
    ],
    [
      'replaces an explicit null of a non-nullable property with its default',
      withSpec(obj({ replicas: int({ default: 1 }) })),
      { spec: { replicas: null } },
      { spec: { replicas: 1 } },
    ],
    [
      'keeps an explicit null of a nullable property',
      withSpec(obj({ replicas: int({ default: 1, nullable: true }) })),
      { spec: { replicas: null } },
      { spec: { replicas: null } },
    ],
    [
      'replaces null array items with the items default',
      withSpec(obj({ tags: arr(str({ default: 'none' })) })),
      { spec: { tags: ['a', null] } },
      { spec: { tags: ['a', 'none'] } },
    ],
  ])('%s', (_name, schema, input, expected) => {
    expect(applyDefaults(input, schema)).toEqual(expected);
  });

  it('deep-copies defaults and never mutates its input', () => {
    const schema = withSpec(obj({ selector: obj({}, { default: { matchLabels: { app: 'x' } } }) }));
    const input = { spec: {} };
    const first = applyDefaults(input, schema) as {
      spec: { selector: { matchLabels: Record<string, string> } };
    };
    first.spec.selector.matchLabels.app = 'changed';
    expect(input).toEqual({ spec: {} });
    expect(applyDefaults(input, schema)).toEqual({
      spec: { selector: { matchLabels: { app: 'x' } } },
    });
  });
});
