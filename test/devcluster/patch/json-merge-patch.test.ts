import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../../src/devcluster/patch/index.js';
import { deepFreeze } from './fixtures.js';

// RFC 7386 Appendix A, verbatim. https://www.rfc-editor.org/rfc/rfc7386#appendix-A
const rfc7386Examples: Array<[original: unknown, patch: unknown, result: unknown]> = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

describe('applyMergePatch (RFC 7386)', () => {
  it.each(rfc7386Examples)('%j patched with %j gives %j', (original, patch, result) => {
    expect(applyMergePatch(deepFreeze(original), deepFreeze(patch))).toEqual(result);
  });

  it('keeps array values from the patch intact, nulls included', () => {
    expect(applyMergePatch({}, { a: [null, { b: null }] })).toEqual({ a: [null, { b: null }] });
  });

  it('returns a result that shares nothing with its inputs', () => {
    const target = { keep: { x: 1 }, list: [1] };
    const patch = { added: { y: [2] } };
    const result = applyMergePatch(target, patch) as {
      keep: { x: number };
      added: { y: number[] };
    };
    result.keep.x = 99;
    result.added.y.push(3);
    expect(target).toEqual({ keep: { x: 1 }, list: [1] });
    expect(patch).toEqual({ added: { y: [2] } });
  });

  it('treats "__proto__" in a parsed patch as an ordinary member', () => {
    const result = applyMergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});

describe('applyMergePatch properties', () => {
  const json = fc.jsonValue({ maxDepth: 4 });

  it('never mutates its inputs', () => {
    fc.assert(
      fc.property(json, json, (target, patch) => {
        applyMergePatch(deepFreeze(target), deepFreeze(patch));
      }),
    );
  });

  it('is idempotent: applying the same patch twice changes nothing more', () => {
    fc.assert(
      fc.property(json, json, (target, patch) => {
        const once = applyMergePatch(target, patch);
        expect(applyMergePatch(once, patch)).toEqual(once);
      }),
    );
  });

  it('applying a null-free document to itself gives the document back', () => {
    const nullFree = json.filter((value) => !JSON.stringify(value).includes('null'));
    fc.assert(
      fc.property(nullFree, (doc) => {
        expect(applyMergePatch(doc, doc)).toEqual(doc);
      }),
    );
  });
});
