import { describe, expect, it } from 'vitest';
import type { ResourceDef } from '../../src/devcluster/api/resource-def.js';
import { formatGoValue } from '../../src/devcluster/field-validation/go-value.js';
import {
  findUnknownFields,
  jsonPatchKeys,
  scanJsonKeys,
  scanYamlKeys,
} from '../../src/devcluster/field-validation/index.js';
import { withoutFields } from '../../src/devcluster/field-validation/unknown-fields.js';
import { BUILTIN_DEFS } from '../../src/devcluster/kinds/index.js';
import type { JSONSchemaProps } from '../../src/devcluster/schema/index.js';

/** Details the conformance probes (test/conformance/field-validation.test.ts) do not reach. */

const builtin = (kind: string) => BUILTIN_DEFS.find((d) => d.kind === kind)!;
const custom = (schema: JSONSchemaProps | undefined): ResourceDef => ({
  ...builtin('ConfigMap'),
  group: 'example.com',
  kind: 'Widget',
  crd: {
    name: 'widgets.example.com',
    storageVersion: 'v1',
    printerColumns: [],
    ...(schema ? { schema } : {}),
  },
});
const paths = (def: ResourceDef, obj: unknown) => findUnknownFields(def, obj)?.map((f) => f.path);

describe('findUnknownFields on custom resources', () => {
  const schema: JSONSchemaProps = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          opaque: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
            properties: { typed: { type: 'object', properties: { a: { type: 'string' } } } },
          },
          labels: {
            type: 'object',
            additionalProperties: { type: 'object', properties: { v: { type: 'string' } } },
          },
          items: {
            type: 'array',
            items: { type: 'object', properties: { n: { type: 'string' } } },
          },
          embedded: {
            type: 'object',
            'x-kubernetes-embedded-resource': true,
            properties: { spec: { type: 'object' } },
          },
        },
      },
    },
  };
  it.each([
    [
      'keeps anything under preserve-unknown-fields',
      { spec: { opaque: { x: 1, y: { z: 2 } } } },
      [],
    ],
    [
      'but still checks the fields it declares',
      { spec: { opaque: { typed: { a: 'x', b: 1 } } } },
      ['spec.opaque.typed.b'],
    ],
    [
      'checks map values against additionalProperties',
      { spec: { labels: { k: { v: 'x', w: 1 } } } },
      ['spec.labels.k.w'],
    ],
    [
      'indexes list items',
      { spec: { items: [{ n: 'a' }, { n: 'b', m: 1 }] } },
      ['spec.items[1].m'],
    ],
    [
      'reads an embedded resource’s metadata as ObjectMeta',
      {
        spec: {
          embedded: {
            apiVersion: 'v1',
            kind: 'X',
            metadata: { name: 'x', nme: 'y' },
            spec: {},
            other: 1,
          },
        },
      },
      ['spec.embedded.metadata.nme', 'spec.embedded.other'],
    ],
    [
      'sorts the list as the apiextensions server does',
      { zeta: 1, spec: { b: 1, a: 1 }, metadata: { q: 1 } },
      ['metadata.q', 'spec.a', 'spec.b', 'zeta'],
    ],
  ])('%s', (_, obj, want) => {
    expect(paths(custom(schema), obj)).toEqual(want);
  });

  it('has no answer for a CRD without a schema', () => {
    expect(findUnknownFields(custom(undefined), { spec: { x: 1 } })).toBeUndefined();
  });
});

describe('findUnknownFields on built-in kinds', () => {
  it('walks the protobuf tables: inlined structs, maps of messages, and known fields the tables lack', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          { name: 'c', image: 'i', resources: { limits: { cpu: '1' } }, restartPolicyRules: [] },
        ],
        volumes: [
          { name: 'v', awsElasticBlockStore: { volumeID: 'x' } },
          { name: 'w', emptyDir: { medim: 'x' } },
        ],
      },
    };
    expect(paths(builtin('Pod'), pod)).toEqual(['spec.volumes[1].emptyDir.medim']);
  });

  it('has no answer for a kind without a table (a Node)', () => {
    expect(findUnknownFields(builtin('Node'), { spec: { x: 1 } })).toBeUndefined();
  });

  it('drops the fields it found and leaves the input alone', () => {
    const obj = { spec: { replicas: 1, replicass: 2 }, x: 1 };
    const fields = findUnknownFields(builtin('Deployment'), obj)!;
    expect(withoutFields(obj, fields)).toEqual({ spec: { replicas: 1 } });
    expect(obj.x).toBe(1);
  });
});

describe('scanJsonKeys', () => {
  it('ranks paths by first appearance and lists repeated keys where they repeat', () => {
    const scan = scanJsonKeys('{"a":{"b":[{"c":1,"c":2}],"s":"x\\"y,{"},"a":3,"d":[[{"e":1}]]}');
    expect([...scan.firstSeen.keys()]).toEqual(['a', 'a.b', 'a.b[0].c', 'a.s', 'd', 'd[0][0].e']);
    expect(scan.duplicates.map((d) => d.path)).toEqual(['a.b[0].c', 'a']);
  });

  it('names the line of each repetition when the JSON was sent as YAML', () => {
    const scan = scanJsonKeys('{\n"a": 1,\n"b": {"c": 1,\n "c": 2},\n"a": 3}', true);
    expect(scan.duplicates).toEqual([
      { path: 'b.c', rank: 3, key: 'c', line: 4 },
      { path: 'a', rank: 4, key: 'a', line: 5 },
    ]);
  });
});

describe('scanYamlKeys', () => {
  it('ranks paths as the JSON scan does and names the line and key of each repetition', () => {
    const scan = scanYamlKeys('a:\n  - c: 1\n    c: 2\n  - {d: 1}\n1: x\n1: y\na: 3\n');
    expect([...scan.firstSeen.keys()]).toEqual(['a', 'a[0].c', 'a[1].d', '1']);
    expect(scan.duplicates).toEqual([
      { path: 'a[0].c', rank: 2, key: 'c', line: 3 },
      { path: '1', rank: 5, key: 1, line: 6 },
      { path: 'a', rank: 6, key: 'a', line: 7 },
    ]);
  });
});

describe('jsonPatchKeys', () => {
  it('reports each repeated key among the operations, then where add and replace put it', () => {
    const text =
      '[{"op":"add","path":"/spec/containers/0","value":{"n":1,"n":2}},' +
      '{"op":"test","path":"/x","value":{"t":1,"t":2}},' +
      '{"op":"replace","path":"","value":{"m":1,"m":2}},' +
      '{"op":"add","path":"/a~1b/-","value":{"z":1,"z":2},"op":"add"}]';
    const keys = jsonPatchKeys(scanJsonKeys(text), JSON.parse(text));
    expect(keys.duplicates.map((d) => [d.path, d.inJsonPatch ?? false])).toEqual([
      ['[0].value.n', true],
      ['[1].value.t', true],
      ['[2].value.m', true],
      ['[3].value.z', true],
      ['[3].op', true],
      ['spec.containers[0].n', false],
      ['m', false],
    ]);
  });
});

describe('formatGoValue', () => {
  it.each([
    [{ b: 1, a: { d: [1, 'x', true], c: null } }, 'map[a:map[c:<nil> d:[1 x true]] b:1]'],
    [1.5, '1.5'],
    [100000, '100000'],
    [1000000, '1e+06'],
    [1234567, '1.234567e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
  ])('prints %j as %s', (value, want) => {
    expect(formatGoValue(value)).toBe(want);
  });
});
