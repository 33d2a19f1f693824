import { describe, expect, it } from 'vitest';
import { formatFieldError, validateAgainstSchema } from '../../../src/devcluster/schema/index.js';
import type { JSONSchemaProps } from '../../../src/devcluster/schema/index.js';
import { aCrdSchema, aRolloutSchema, arr, bool, int, intOrString, obj, str } from './builders.js';

const aRollout = (
  spec: Record<string, unknown> = {},
  status?: Record<string, unknown>,
): Record<string, unknown> => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: {
    name: 'r',
    namespace: 'default',
    uid: 'u',
    creationTimestamp: '2024-01-01T00:00:00Z',
  },
  spec: { selector: { matchLabels: { app: 'r' } }, ...spec },
  ...(status ? { status } : {}),
});
const messages = (obj: unknown, schema: JSONSchemaProps, oldObj?: unknown): string[] =>
  validateAgainstSchema(obj, schema, oldObj === undefined ? {} : { oldObj }).map(formatFieldError);
const withSpec = (spec: JSONSchemaProps): JSONSchemaProps => aCrdSchema({ spec });

describe('validateAgainstSchema: OpenAPI value validation', () => {
  it('accepts a valid object, unknown metadata fields included', () => {
    const rollout = aRollout({
      replicas: 3,
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: { duration: '1h' } }] } },
    });
    expect(messages(rollout, aRolloutSchema())).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined, string[]]>([
    [
      'integer given a string',
      { replicas: 'string' },
      undefined,
      [
        'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      ],
    ],
    [
      'integer given a fraction',
      { replicas: 1.5 },
      undefined,
      [
        'spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"',
      ],
    ],
    [
      'object given a boolean',
      { selector: true },
      undefined,
      [
        'spec.selector: Invalid value: "boolean": spec.selector in body must be of type object: "boolean"',
      ],
    ],
    [
      'a field inside array items',
      { strategy: { canary: { steps: [{ setWeight: 'ten' }] } } },
      undefined,
      [
        'spec.strategy.canary.steps[0].setWeight: Invalid value: "string": spec.strategy.canary.steps[0].setWeight in body must be of type integer: "string"',
      ],
    ],
    [
      'int-or-string given a boolean',
      { strategy: { canary: { steps: [{ pause: { duration: true } }] } } },
      undefined,
      [
        'spec.strategy.canary.steps[0].pause.duration: Invalid value: "boolean": spec.strategy.canary.steps[0].pause.duration in body must be of type integer,string: "boolean"',
      ],
    ],
    [
      'int-or-string given a fraction',
      { strategy: { canary: { steps: [{ pause: { duration: 0.5 } }] } } },
      undefined,
      [
        'spec.strategy.canary.steps[0].pause.duration: Invalid value: "number": spec.strategy.canary.steps[0].pause.duration in body must be of type integer,string: "number"',
      ],
    ],
    [
      'enum',
      {},
      { phase: 'Paused' },
      [
        'status.phase: Unsupported value: "Paused": supported values: "Healthy", "Progressing", "Degraded"',
      ],
    ],
    [
      'minimum',
      { replicas: -1 },
      undefined,
      [
        'spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0',
      ],
    ],
    [
      'maxItems',
      { strategy: { canary: { steps: [{}, {}, {}, {}] } } },
      undefined,
      ['spec.strategy.canary.steps: Too many: 4: must have at most 3 items'],
    ],
    [
      'required in array items',
      {},
      { conditions: [{ type: 'Ready' }] },
      ['status.conditions[0].status: Required value'],
    ],
    [
      'format int32 range',
      { replicas: 2 ** 31 },
      undefined,
      [
        '<nil>: Invalid value: "": Checked value must be of type integer with format int32 in spec.replicas',
      ],
    ],
  ])('reports %s', (_name, spec, status, expected) => {
    expect(messages(aRollout(spec, status), aRolloutSchema())).toEqual(expected);
  });

  it('reports a missing required field', () => {
    const rollout = { ...aRollout(), spec: { replicas: 1 } };
    expect(validateAgainstSchema(rollout, aRolloutSchema())).toEqual([
      { type: 'FieldValueRequired', field: 'spec.selector', message: 'Required value' },
    ]);
  });

  it('types a type mismatch as FieldValueTypeInvalid with the JSON type as bad value', () => {
    expect(
      validateAgainstSchema(aRollout({ replicas: 'string' }), aRolloutSchema())[0],
    ).toMatchObject({
      type: 'FieldValueTypeInvalid',
      field: 'spec.replicas',
      badValue: 'string',
    });
  });

  it.each<[string, unknown, string[]]>([
    ['an integer', 5, []],
    ['a percentage string', '25%', []],
    [
      'an object',
      { a: 1 },
      [
        'spec.maxSurge: Invalid value: "object": spec.maxSurge in body must be of type integer,string: "object"',
      ],
    ],
  ])('int-or-string accepts integers and strings only: %s', (_name, value, expected) => {
    expect(
      messages({ spec: { maxSurge: value } }, withSpec(obj({ maxSurge: intOrString() }))),
    ).toEqual(expected);
  });

  it.each<[string, JSONSchemaProps, string[]]>([
    ['nullable accepts null', str({ nullable: true }), []],
    [
      'non-nullable rejects null',
      str(),
      ['spec.x: Invalid value: "null": spec.x in body must be of type string: "null"'],
    ],
    [
      'a null never matches an enum',
      str({ nullable: true, enum: ['a'] }),
      ['spec.x: Unsupported value: "null": supported values: "a"'],
    ],
  ])('%s', (_name, x, expected) => {
    expect(messages({ spec: { x: null } }, withSpec(obj({ x })))).toEqual(expected);
  });

  it.each<[string, JSONSchemaProps, unknown, string[]]>([
    ['maxLength', str({ maxLength: 3 }), 'abcd', ['spec.x: Too long: may not be longer than 3']],
    [
      'minLength',
      str({ minLength: 2 }),
      'a',
      ['spec.x: Invalid value: "a": spec.x in body should be at least 2 chars long'],
    ],
    [
      'pattern',
      str({ pattern: '^[a-z]+$' }),
      'ABC',
      [`spec.x: Invalid value: "ABC": spec.x in body should match '^[a-z]+$'`],
    ],
    [
      'date-time',
      str({ format: 'date-time' }),
      'yesterday',
      ['spec.x: Invalid value: "yesterday": spec.x in body must be of type date-time: "yesterday"'],
    ],
    ['valid date-time', str({ format: 'date-time' }), '2024-02-29T10:00:00.5+02:00', []],
    [
      'impossible date',
      str({ format: 'date-time' }),
      '2023-02-29T10:00:00Z',
      [
        'spec.x: Invalid value: "2023-02-29T10:00:00Z": spec.x in body must be of type date-time: "2023-02-29T10:00:00Z"',
      ],
    ],
    [
      'exclusiveMaximum',
      int({ maximum: 10, exclusiveMaximum: true }),
      10,
      ['spec.x: Invalid value: 10: spec.x in body should be less than 10'],
    ],
    [
      'multipleOf',
      int({ multipleOf: 5 }),
      7,
      ['spec.x: Invalid value: 7: spec.x in body should be a multiple of 5'],
    ],
    [
      'minItems',
      arr(str(), { minItems: 1 }),
      [],
      ['spec.x: Invalid value: 0: spec.x in body should have at least 1 items'],
    ],
    [
      'numeric enum',
      int({ enum: [1, 2] }),
      3,
      ['spec.x: Unsupported value: 3: supported values: "1", "2"'],
    ],
    [
      'boolean given a string',
      bool(),
      'true',
      ['spec.x: Invalid value: "string": spec.x in body must be of type boolean: "string"'],
    ],
  ])('%s', (_name, x, value, expected) => {
    expect(messages({ spec: { x: value } }, withSpec(obj({ x })))).toEqual(expected);
  });

  it('reports anyOf failures the way the API server does, on a nil path', () => {
    const x = obj({ a: str(), b: str() }, { anyOf: [{ required: ['a'] }, { required: ['b'] }] });
    expect(messages({ spec: { x: {} } }, withSpec(obj({ x })))).toEqual([
      '<nil>: Invalid value: "": "spec.x" must validate at least one schema (anyOf)',
      'spec.x.a: Required value',
    ]);
    expect(messages({ spec: { x: { b: 'y' } } }, withSpec(obj({ x })))).toEqual([]);
  });

  it('requires apiVersion and kind on embedded resources', () => {
    const ref = obj(
      {},
      { 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
    );
    expect(messages({ spec: { ref: { metadata: {} } } }, withSpec(obj({ ref })))).toEqual([
      'spec.ref.apiVersion: Required value: must not be empty',
      'spec.ref.kind: Required value: must not be empty',
    ]);
  });
});

describe('validateAgainstSchema: list types', () => {
  const schema = withSpec(
    obj({
      tags: arr(str(), { 'x-kubernetes-list-type': 'set' }),
      ports: arr(obj({ name: str(), port: int() }), {
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
      }),
      atomic: arr(str()),
    }),
  );

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a set reports each repeated value once',
      { tags: ['a', 'b', 'a', 'a', 'b'] },
      ['spec.tags[2]: Duplicate value: "a"', 'spec.tags[4]: Duplicate value: "b"'],
    ],
    [
      'a map list reports repeated keys',
      {
        ports: [
          { name: 'http', port: 80 },
          { name: 'http', port: 81 },
        ],
      },
      ['spec.ports[1]: Duplicate value: map[string]interface {}{"name":"http"}'],
    ],
    ['unique entries pass', { tags: ['a', 'b'], ports: [{ name: 'http' }, { name: 'https' }] }, []],
    ['an atomic list may repeat', { atomic: ['a', 'a'] }, []],
  ])('%s', (_name, spec, expected) => {
    expect(messages({ spec }, schema)).toEqual(expected);
  });

  it('does not report duplicates on update when the old object already had some', () => {
    expect(
      messages({ spec: { tags: ['a', 'a', 'b', 'b'] } }, schema, { spec: { tags: ['a', 'a'] } }),
    ).toEqual([]);
    expect(messages({ spec: { tags: ['a', 'a'] } }, schema, { spec: { tags: ['a'] } })).toEqual([
      'spec.tags[1]: Duplicate value: "a"',
    ]);
  });
});

describe('validateAgainstSchema: immutability rule (self == oldSelf)', () => {
  const immutable = (o: JSONSchemaProps = {}): JSONSchemaProps =>
    str({
      'x-kubernetes-validations': [{ rule: 'self == oldSelf', message: 'Value is immutable' }],
      ...o,
    });

  it.each<[string, JSONSchemaProps, unknown, unknown, string[]]>([
    [
      'create: no old object, rule not evaluated',
      immutable(),
      { spec: { region: 'eu' } },
      undefined,
      [],
    ],
    [
      'update with the same value',
      immutable(),
      { spec: { region: 'eu' } },
      { spec: { region: 'eu' } },
      [],
    ],
    [
      'update with a new value',
      immutable(),
      { spec: { region: 'us' } },
      { spec: { region: 'eu' } },
      ['spec.region: Invalid value: Value is immutable'],
    ],
    [
      'field added on update: no old value, rule not evaluated',
      immutable(),
      { spec: { region: 'us' } },
      { spec: {} },
      [],
    ],
    [
      'rule without a message',
      str({ 'x-kubernetes-validations': [{ rule: 'self==oldSelf' }] }),
      { spec: { region: 'us' } },
      { spec: { region: 'eu' } },
      ['spec.region: Invalid value: failed rule: self==oldSelf'],
    ],
    [
      'reason FieldValueForbidden',
      immutable({
        'x-kubernetes-validations': [
          { rule: 'self == oldSelf', message: 'immutable', reason: 'FieldValueForbidden' },
        ],
      }),
      { spec: { region: 'us' } },
      { spec: { region: 'eu' } },
      ['spec.region: Forbidden: immutable'],
    ],
    [
      'other CEL rules are skipped (known gap)',
      str({ 'x-kubernetes-validations': [{ rule: 'self.size() < 2' }] }),
      { spec: { region: 'long' } },
      { spec: { region: 'eu' } },
      [],
    ],
  ])('%s', (_name, region, obj1, old, expected) => {
    expect(messages(obj1, withSpec(obj({ region })), old)).toEqual(expected);
  });

  it('applies to whole objects, set lists comparing regardless of order', () => {
    const rule = { 'x-kubernetes-validations': [{ rule: 'self == oldSelf' }] };
    const spec = obj({ tags: arr(str(), { 'x-kubernetes-list-type': 'set' }), n: int() }, rule);
    const schema = aCrdSchema({ root: {}, spec });
    expect(
      messages({ spec: { tags: ['b', 'a'], n: 1 } }, schema, { spec: { tags: ['a', 'b'], n: 1 } }),
    ).toEqual([]);
    expect(
      messages({ spec: { tags: ['a', 'b'], n: 2 } }, schema, { spec: { tags: ['a', 'b'], n: 1 } }),
    ).toEqual(['spec: Invalid value: failed rule: self == oldSelf']);
  });
});

describe('validateAgainstSchema: ratcheting on update', () => {
  it('ignores invalid values that did not change and reports changed ones', () => {
    const schema = withSpec(obj({ a: str({ maxLength: 2 }), b: str({ maxLength: 2 }) }));
    const old = { spec: { a: 'long', b: 'ok' } };
    expect(messages({ spec: { a: 'long', b: 'no' } }, schema, old)).toEqual([]);
    expect(messages({ spec: { a: 'longer', b: 'ok' } }, schema, old)).toEqual([
      'spec.a: Too long: may not be longer than 2',
    ]);
  });
});
