import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMergePatch, applyStrategicMergePatch } from '../../../src/devcluster/patch/index.js';
import {
  aContainer,
  aDeployment,
  deepFreeze,
  podSpecOf,
  podSpecPatch,
  schemaOf,
} from './fixtures.js';

const deployment = schemaOf('apps', 'Deployment');
const nginx = aContainer({ name: 'a', image: 'nginx:1' });
const redis = aContainer({ name: 'b', image: 'redis:1' });

describe('applyStrategicMergePatch properties', () => {
  // Without schema metadata or directives, strategic merge patch is plain JSON merge patch (RFC 7386).
  const key = fc.string({ maxLength: 6 }).filter((k) => !k.startsWith('$'));
  const scalar = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
  );
  const { doc } = fc.letrec<{ doc: Record<string, unknown>; value: unknown }>((tie) => ({
    doc: fc.dictionary(key, tie('value'), { maxKeys: 4, noNullPrototype: true }),
    value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 3 }), tie('doc')),
  }));

  it('agrees with RFC 7386 for fields the schema does not describe', () => {
    fc.assert(
      fc.property(doc, doc, (target, patch) => {
        expect(applyStrategicMergePatch(deepFreeze(target), deepFreeze(patch), {})).toEqual(
          applyMergePatch(target, patch),
        );
      }),
    );
  });

  const containerPatch = fc.oneof(
    fc.record({ name: fc.constantFrom('a', 'b', 'c'), image: fc.constantFrom('x:1', 'x:2') }),
    fc.record({ name: fc.constantFrom('a', 'b', 'c'), $patch: fc.constant('delete') }),
  );
  const containersPatch = fc.tuple(
    fc.uniqueArray(containerPatch, { maxLength: 4, selector: (c) => c.name }),
    fc.boolean(),
  );

  it('merging containers never mutates, never duplicates a name and never leaks a directive', () => {
    fc.assert(
      fc.property(containersPatch, ([containers, withOrder]) => {
        const order = containers.filter((c) => !('$patch' in c)).map(({ name }) => ({ name }));
        const patch = podSpecPatch({
          containers,
          ...(withOrder && { '$setElementOrder/containers': order }),
        });
        const result = applyStrategicMergePatch(
          aDeployment({ containers: [nginx, redis] }),
          deepFreeze(patch),
          deployment,
        );
        const names = (podSpecOf(result)['containers'] as Array<{ name: string }>).map(
          (c) => c.name,
        );
        expect(new Set(names).size).toBe(names.length);
        expect(JSON.stringify(result)).not.toContain('$');
        for (const deleted of containers.filter((c) => '$patch' in c))
          expect(names).not.toContain(deleted.name);
      }),
    );
  });
});
