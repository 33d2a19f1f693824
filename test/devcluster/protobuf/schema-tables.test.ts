import { describe, expect, it } from 'vitest';
import {
  isScalarType,
  isSpecialType,
  parseFieldSpec,
} from '../../../src/devcluster/protobuf/field-spec.js';
import {
  KIND_MESSAGES,
  MESSAGES,
  messageFields,
} from '../../../src/devcluster/protobuf/schema-registry.js';

const names = Object.keys(MESSAGES).sort();

/** JSON keys a message contributes, inlined structs included. */
function jsonKeys(message: string): string[] {
  return [...messageFields(message).values()].flatMap((spec) =>
    spec.inline ? jsonKeys(spec.type) : [spec.json],
  );
}

describe('protobuf schema tables', () => {
  it.each(names)('%s: every field spec parses and names a known type', (name) => {
    for (const [number, text] of Object.entries(MESSAGES[name] ?? {})) {
      expect(
        Number.isInteger(Number(number)) && Number(number) > 0,
        `${name} field ${number}`,
      ).toBe(true);
      const spec = parseFieldSpec(text);
      const known =
        isScalarType(spec.type) || isSpecialType(spec.type) || Object.hasOwn(MESSAGES, spec.type);
      expect(known, `${name}.${text}`).toBe(true);
      if (spec.inline)
        expect(Object.hasOwn(MESSAGES, spec.type), `${name} inlines a message`).toBe(true);
    }
  });

  it.each(names)('%s: no two fields write the same JSON key', (name) => {
    const keys = jsonKeys(name);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(Object.entries(KIND_MESSAGES))(
    '%s is a message whose field 1 is metadata',
    (_, message) => {
      expect(messageFields(message).get(1)).toMatchObject({ json: 'metadata', type: 'ObjectMeta' });
    },
  );

  it.each([
    [
      'name:string',
      { json: 'name', type: 'string', repeated: false, map: false, inline: false, keepZero: false },
    ],
    [
      'replicas:int32!',
      {
        json: 'replicas',
        type: 'int32',
        repeated: false,
        map: false,
        inline: false,
        keepZero: true,
      },
    ],
    [
      'ports:ContainerPort[]',
      {
        json: 'ports',
        type: 'ContainerPort',
        repeated: true,
        map: false,
        inline: false,
        keepZero: false,
      },
    ],
    [
      'limits:map<Quantity>',
      {
        json: 'limits',
        type: 'Quantity',
        repeated: false,
        map: true,
        inline: false,
        keepZero: false,
      },
    ],
    [
      '...ProbeHandler',
      {
        json: '',
        type: 'ProbeHandler',
        repeated: false,
        map: false,
        inline: true,
        keepZero: false,
      },
    ],
  ])('parses %j', (text, spec) => {
    expect(parseFieldSpec(text)).toStrictEqual(spec);
  });

  it.each(['name', 'name:', ':string', 'a:b:c', 'ports:map<x>[]', '...'])('rejects %j', (text) => {
    expect(() => parseFieldSpec(text)).toThrow(/bad protobuf field spec/);
  });
});
