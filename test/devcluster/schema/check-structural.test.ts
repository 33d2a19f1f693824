import { describe, expect, it } from 'vitest';
import { checkStructural, checkStructuralErrors } from '../../../src/devcluster/schema/index.js';
import type { JSONSchemaProps } from '../../../src/devcluster/schema/index.js';
import {
  aCrdSchema,
  aRolloutSchema,
  arr,
  int,
  intOrString,
  map,
  obj,
  preserve,
  str,
} from './builders.js';

const P = 'spec.validation.openAPIV3Schema';
const withSpec = (spec: JSONSchemaProps): JSONSchemaProps => aCrdSchema({ spec });

describe('checkStructural', () => {
  it.each<[string, JSONSchemaProps]>([
    ['a Rollout-like schema', aRolloutSchema()],
    [
      'int-or-string spelled as anyOf',
      withSpec(obj({ port: intOrString({ anyOf: [{ type: 'integer' }, { type: 'string' }] }) })),
    ],
    [
      'int-or-string inside allOf',
      withSpec(
        obj({
          port: intOrString({ allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }] }),
        }),
      ),
    ],
    [
      'value validation in junctors over specified fields',
      withSpec(obj({ a: str(), b: str() }, { oneOf: [{ required: ['a'] }, { required: ['b'] }] })),
    ],
    [
      'a preserve-unknown-fields node without type',
      withSpec(obj({ raw: { 'x-kubernetes-preserve-unknown-fields': true } })),
    ],
    [
      'metadata restricting name only',
      aCrdSchema({ root: { properties: { metadata: obj({ name: str({ maxLength: 20 }) }) } } }),
    ],
    [
      'an embedded resource',
      withSpec(obj({ ref: preserve({ 'x-kubernetes-embedded-resource': true }) })),
    ],
    [
      'a list-type map',
      withSpec(
        obj({
          ports: arr(obj({ name: str() }), {
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
          }),
        }),
      ),
    ],
    ['a valid default', withSpec(obj({ replicas: int({ default: 1 }) }))],
  ])('accepts %s', (_name, schema) => {
    expect(checkStructural(schema)).toEqual([]);
  });

  it.each<[string, JSONSchemaProps, string[]]>([
    [
      'a field without type',
      withSpec(obj({ a: { properties: { b: str() } } })),
      [
        `${P}.properties[spec].properties[a].type: Required value: must not be empty for specified object fields`,
      ],
    ],
    [
      'array items without type',
      withSpec(obj({ list: arr({}) })),
      [
        `${P}.properties[spec].properties[list].items.type: Required value: must not be empty for specified array items`,
      ],
    ],
    [
      'an array without items',
      withSpec(obj({ list: { type: 'array' } })),
      [`${P}.properties[spec].properties[list].items: Required value: must be specified`],
    ],
    [
      'a root that is not an object',
      { type: 'string' },
      [`${P}.type: Invalid value: "string": must be object at the root`],
    ],
    [
      'a type inside anyOf',
      withSpec(
        obj({
          a: str({
            anyOf: [
              { type: 'string', maxLength: 3 },
              { type: 'string', minLength: 5 },
            ],
          }),
        }),
      ),
      [
        `${P}.properties[spec].properties[a].anyOf[0].type: Forbidden: must be empty to be structural`,
        `${P}.properties[spec].properties[a].anyOf[1].type: Forbidden: must be empty to be structural`,
      ],
    ],
    [
      'properties and additionalProperties together',
      withSpec(obj({ a: obj({ b: str() }, { additionalProperties: str() }) })),
      [
        `${P}.properties[spec].properties[a].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`,
      ],
    ],
    [
      'additionalProperties at the root',
      map(str()),
      [`${P}.additionalProperties: Forbidden: must not be used at the root`],
    ],
    [
      'metadata restricting more than name and generateName',
      aCrdSchema({ root: { properties: { metadata: obj({ labels: map(str()) }) } } }),
      [
        `${P}.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified`,
      ],
    ],
    [
      'a default in top-level metadata',
      aCrdSchema({ root: { properties: { metadata: { type: 'object', default: {} } } } }),
      [`${P}.properties[metadata].default: Forbidden: must not be set in top-level metadata`],
    ],
    [
      'a junctor mentioning an unspecified field',
      { ...withSpec(obj({ a: str() })), anyOf: [{ properties: { other: { maxLength: 1 } } }] },
      [
        `${P}.properties[other]: Required value: because it is defined in ${P}.anyOf[0].properties[other]`,
      ],
    ],
    [
      'an embedded resource that is not an object and specifies nothing',
      withSpec(obj({ ref: str({ 'x-kubernetes-embedded-resource': true }) })),
      [
        `${P}.properties[spec].properties[ref].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields`,
        `${P}.properties[spec].properties[ref].type: Invalid value: "string": must be object if x-kubernetes-embedded-resource is true`,
      ],
    ],
    [
      'uniqueItems',
      withSpec(obj({ list: arr(str(), { uniqueItems: true }) })),
      [
        `${P}.properties[spec].properties[list].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic`,
      ],
    ],
    [
      'preserve-unknown-fields false',
      withSpec(obj({ a: obj({}, { 'x-kubernetes-preserve-unknown-fields': false }) })),
      [
        `${P}.properties[spec].properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined`,
      ],
    ],
    [
      'a list-type on a non-array',
      withSpec(obj({ a: str({ 'x-kubernetes-list-type': 'set' }) })),
      [
        `${P}.properties[spec].properties[a].type: Invalid value: "string": must be array if x-kubernetes-list-type is specified`,
      ],
    ],
    [
      'list-map-keys naming a missing property',
      withSpec(
        obj({
          l: arr(obj({ n: str() }), {
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['name'],
          }),
        }),
      ),
      [
        `${P}.properties[spec].properties[l].x-kubernetes-list-map-keys: Invalid value: []interface {}{"name"}: entries must all be names of item properties`,
      ],
    ],
    [
      'a default of the wrong type',
      withSpec(obj({ replicas: int({ default: 'one' }) })),
      [
        `${P}.properties[spec].properties[replicas].default: Invalid value: "string":  in body must be of type integer: "string"`,
      ],
    ],
    [
      'a default with unknown fields',
      withSpec(obj({ s: obj({ a: str() }, { default: { a: 'x', b: 'y' } }) })),
      [
        `${P}.properties[spec].properties[s].default: Invalid value: map[string]interface {}{"a":"x", "b":"y"}: must not have unknown fields`,
      ],
    ],
    [
      'a validation rule without rule text',
      withSpec(obj({ a: str({ 'x-kubernetes-validations': [{ rule: ' ' }] }) })),
      [
        `${P}.properties[spec].properties[a].x-kubernetes-validations[0].rule: Required value: rule is not specified`,
      ],
    ],
  ])('rejects %s', (_name, schema, expected) => {
    expect(checkStructural(schema)).toEqual(expected);
  });

  it('sorts structural violations as the API server does', () => {
    const schema = withSpec(obj({ z: {}, a: {} }));
    expect(checkStructural(schema)).toEqual([
      `${P}.properties[spec].properties[a].type: Required value: must not be empty for specified object fields`,
      `${P}.properties[spec].properties[z].type: Required value: must not be empty for specified object fields`,
    ]);
  });

  it('returns field errors with a base path of choice', () => {
    expect(
      checkStructuralErrors(
        { type: 'object', properties: { spec: {} } },
        'spec.versions[0].schema.openAPIV3Schema',
      ),
    ).toEqual([
      {
        type: 'FieldValueRequired',
        field: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].type',
        message: 'Required value: must not be empty for specified object fields',
      },
    ]);
  });
});
