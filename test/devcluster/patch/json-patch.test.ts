import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatchError, applyJsonPatch } from '../../../src/devcluster/patch/index.js';
import { deepFreeze } from './fixtures.js';

function patchErrorOf(run: () => unknown): PatchError {
  try {
    run();
  } catch (error) {
    if (error instanceof PatchError) return error;
    throw error;
  }
  throw new Error('expected a PatchError, nothing was thrown');
}

// RFC 6902 Appendix A. https://www.rfc-editor.org/rfc/rfc6902#appendix-A
// A.13 (a duplicate "op" member) cannot be expressed once the body is parsed: JSON.parse keeps the last one.
const rfc6902Examples: Array<[section: string, doc: unknown, ops: unknown[], result: unknown]> = [
  [
    'A.1 adding an object member',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz', value: 'qux' }],
    { baz: 'qux', foo: 'bar' },
  ],
  [
    'A.2 adding an array element',
    { foo: ['bar', 'baz'] },
    [{ op: 'add', path: '/foo/1', value: 'qux' }],
    { foo: ['bar', 'qux', 'baz'] },
  ],
  [
    'A.3 removing an object member',
    { baz: 'qux', foo: 'bar' },
    [{ op: 'remove', path: '/baz' }],
    { foo: 'bar' },
  ],
  [
    'A.4 removing an array element',
    { foo: ['bar', 'qux', 'baz'] },
    [{ op: 'remove', path: '/foo/1' }],
    { foo: ['bar', 'baz'] },
  ],
  [
    'A.5 replacing a value',
    { baz: 'qux', foo: 'bar' },
    [{ op: 'replace', path: '/baz', value: 'boo' }],
    { baz: 'boo', foo: 'bar' },
  ],
  [
    'A.6 moving a value',
    { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  ],
  [
    'A.7 moving an array element',
    { foo: ['all', 'grass', 'cows', 'eat'] },
    [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
    { foo: ['all', 'cows', 'eat', 'grass'] },
  ],
  [
    'A.8 testing a value: success',
    { baz: 'qux', foo: ['a', 2, 'c'] },
    [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
    ],
    { baz: 'qux', foo: ['a', 2, 'c'] },
  ],
  [
    'A.10 adding a nested member object',
    { foo: 'bar' },
    [{ op: 'add', path: '/child', value: { grandchild: {} } }],
    { foo: 'bar', child: { grandchild: {} } },
  ],
  [
    'A.11 ignoring unrecognized elements',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }],
    { foo: 'bar', baz: 'qux' },
  ],
  [
    'A.14 ~ escape ordering',
    { '/': 9, '~1': 10 },
    [{ op: 'test', path: '/~01', value: 10 }],
    { '/': 9, '~1': 10 },
  ],
  [
    'A.16 adding an array value',
    { foo: ['bar'] },
    [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }],
    { foo: ['bar', ['abc', 'def']] },
  ],
];

const moreSuccesses: Array<[name: string, doc: unknown, ops: unknown[], result: unknown]> = [
  ['add at the root replaces the document', { a: 1 }, [{ op: 'add', path: '', value: [1] }], [1]],
  [
    'replace at the root replaces the document',
    { a: 1 },
    [{ op: 'replace', path: '', value: 'x' }],
    'x',
  ],
  ['add replaces an existing member', { a: 1 }, [{ op: 'add', path: '/a', value: 2 }], { a: 2 }],
  [
    'add with index == length appends',
    { a: [1] },
    [{ op: 'add', path: '/a/1', value: 2 }],
    { a: [1, 2] },
  ],
  [
    '~1 addresses a key containing /',
    { 'a/b': 1 },
    [{ op: 'replace', path: '/a~1b', value: 2 }],
    { 'a/b': 2 },
  ],
  [
    'copy duplicates a subtree',
    { a: { b: [1] } },
    [{ op: 'copy', from: '/a', path: '/c' }],
    { a: { b: [1] }, c: { b: [1] } },
  ],
  ['move onto itself is a no-op', { a: 1 }, [{ op: 'move', from: '/a', path: '/a' }], { a: 1 }],
  [
    'test compares objects regardless of member order',
    { a: { x: 1, y: [2] } },
    [{ op: 'test', path: '/a', value: { y: [2], x: 1 } }],
    { a: { x: 1, y: [2] } },
  ],
  [
    'later operations see earlier ones',
    {},
    [
      { op: 'add', path: '/a', value: {} },
      { op: 'add', path: '/a/b', value: 1 },
    ],
    { a: { b: 1 } },
  ],
  [
    'kubectl-style label patch with an escaped key',
    { metadata: { labels: { 'app.kubernetes.io/name': 'web' } } },
    [{ op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'api' }],
    { metadata: { labels: { 'app.kubernetes.io/name': 'api' } } },
  ],
];

describe('applyJsonPatch (RFC 6902)', () => {
  it.each([...rfc6902Examples, ...moreSuccesses])('%s', (_name, doc, ops, result) => {
    expect(applyJsonPatch(deepFreeze(doc), deepFreeze(ops))).toEqual(result);
  });

  it('copies by value: the copy is independent of its source and of the patch', () => {
    const ops = [
      { op: 'copy', from: '/a', path: '/b' },
      { op: 'add', path: '/b/x/-', value: 2 },
    ];
    expect(applyJsonPatch(deepFreeze({ a: { x: [1] } }), ops)).toEqual({
      a: { x: [1] },
      b: { x: [1, 2] },
    });
  });
});

const unapplicable: Array<[name: string, doc: unknown, ops: unknown[], message: string]> = [
  [
    'A.9 test fails',
    { baz: 'qux' },
    [{ op: 'test', path: '/baz', value: 'bar' }],
    'operation 0 (test /baz): test failed: found "qux", expected "bar"',
  ],
  [
    'A.12 adding to a nonexistent target',
    { foo: 'bar' },
    [{ op: 'add', path: '/baz/bat', value: 'qux' }],
    'operation 0 (add /baz/bat): /baz does not exist',
  ],
  [
    'A.15 strings and numbers differ',
    { '/': 9, '~1': 10 },
    [{ op: 'test', path: '/~01', value: '10' }],
    'test failed',
  ],
  [
    'remove of a missing member',
    { a: {} },
    [{ op: 'remove', path: '/a/b' }],
    'operation 0 (remove /a/b): /a/b does not exist',
  ],
  [
    'replace of a missing member',
    { a: 1 },
    [{ op: 'replace', path: '/b', value: 1 }],
    '/b does not exist',
  ],
  [
    'add past the end of an array',
    { a: [1] },
    [{ op: 'add', path: '/a/2', value: 1 }],
    'index 2 is out of bounds (array length 1)',
  ],
  ['remove at "-"', { a: [1] }, [{ op: 'remove', path: '/a/-' }], 'index - is out of bounds'],
  [
    'an index with a leading zero',
    { a: [1, 2] },
    [{ op: 'replace', path: '/a/01', value: 0 }],
    '"01" in /a/01 is not a valid array index',
  ],
  ['test of a missing path', { a: 1 }, [{ op: 'test', path: '/b', value: 1 }], '/b does not exist'],
  [
    'move from a missing path',
    { a: 1 },
    [{ op: 'move', from: '/x', path: '/b' }],
    'operation 0 (move /b): /x does not exist',
  ],
  [
    'move into its own child',
    { a: { b: 1 } },
    [{ op: 'move', from: '/a', path: '/a/b/c' }],
    'cannot move /a into one of its own children',
  ],
  [
    'copy from a missing path',
    { a: 1 },
    [{ op: 'copy', from: '/x', path: '/b' }],
    '/x does not exist',
  ],
  [
    'removing the whole document',
    { a: 1 },
    [{ op: 'remove', path: '' }],
    'cannot remove the whole document',
  ],
  [
    'adding below a scalar',
    { a: 1 },
    [{ op: 'add', path: '/a/b', value: 1 }],
    '/a is not an object or array',
  ],
  [
    'the second operation fails',
    { a: 1 },
    [
      { op: 'add', path: '/b', value: 2 },
      { op: 'remove', path: '/c' },
    ],
    'operation 1 (remove /c)',
  ],
];

const malformed: Array<[name: string, ops: unknown, message: string]> = [
  [
    'a non-array document',
    { op: 'add', path: '/a', value: 1 },
    'a JSON patch must be an array of operations',
  ],
  ['a non-object operation', ['add'], 'operation 0: must be an object'],
  [
    'an unknown op',
    [{ op: 'append', path: '/a' }],
    'operation 0: "op" must be one of add, remove, replace, move, copy, test (got "append")',
  ],
  ['a missing op', [{ path: '/a' }], '"op" must be one of'],
  ['a missing path', [{ op: 'remove' }], 'operation 0 (remove): "path" must be a string'],
  ['a non-string path', [{ op: 'remove', path: 3 }], '"path" must be a string'],
  [
    'a path without a leading slash',
    [{ op: 'remove', path: 'a' }],
    'JSON pointer "a" must be empty or start with "/"',
  ],
  ['an invalid escape', [{ op: 'remove', path: '/a~2' }], 'invalid escape'],
  ['add without a value', [{ op: 'add', path: '/a' }], 'operation 0 (add /a): "value" is required'],
  ['move without from', [{ op: 'move', path: '/a' }], '"from" must be a string'],
  [
    'a bad operation after good ones',
    [{ op: 'add', path: '/a', value: 1 }, { op: 'nope' }],
    'operation 1:',
  ],
];

describe('applyJsonPatch errors', () => {
  it.each(unapplicable)('%s ⇒ 422', (_name, doc, ops, message) => {
    const error = patchErrorOf(() => applyJsonPatch(deepFreeze(doc), deepFreeze(ops)));
    expect(error).toMatchObject({ status: 422, code: 'PatchError' });
    expect(error.message).toContain(message);
  });

  it.each(malformed)('%s ⇒ 400', (_name, ops, message) => {
    const error = patchErrorOf(() => applyJsonPatch({ a: 1 }, deepFreeze(ops)));
    expect(error.status).toBe(400);
    expect(error.message).toContain(message);
  });

  it('is atomic: a failing operation leaves the input as it was', () => {
    const doc = { a: [1, 2], b: { c: 1 } };
    const ops = [
      { op: 'remove', path: '/a/0' },
      { op: 'add', path: '/b/d', value: 2 },
      { op: 'test', path: '/b/c', value: 9 },
    ];
    expect(() => applyJsonPatch(doc, ops)).toThrow(PatchError);
    expect(doc).toEqual({ a: [1, 2], b: { c: 1 } });
  });
});

describe('applyJsonPatch properties', () => {
  it('never mutates its inputs and adds exactly the value it was given', () => {
    const key = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.jsonValue({ maxDepth: 3 })),
        key,
        fc.jsonValue({ maxDepth: 3 }),
        (doc, name, value) => {
          const pointer = `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          const result = applyJsonPatch(
            deepFreeze(doc),
            deepFreeze([{ op: 'add', path: pointer, value }]),
          );
          expect((result as Record<string, unknown>)[name]).toEqual(value);
          expect(applyJsonPatch(result, [{ op: 'test', path: pointer, value }])).toEqual(result);
        },
      ),
    );
  });
});
