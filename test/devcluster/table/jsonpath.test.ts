import { describe, expect, it } from 'vitest';
import { JsonPathError, evaluateJsonPath } from '../../../src/devcluster/table/index.js';

const obj = {
  metadata: { name: 'p', annotations: { 'kubernetes.io/change-cause': 'x', 'a.b': 'dots' } },
  spec: {
    replicas: 3,
    paused: false,
    containers: [
      { name: 'a', image: 'i1' },
      { name: 'b', image: 'i2' },
    ],
  },
  status: {
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Available', status: 'False', count: 2 },
    ],
  },
};

describe('evaluateJsonPath', () => {
  it.each<[string, unknown[]]>([
    ['.spec.replicas', [3]],
    ['{.spec.replicas}', [3]],
    ['$.spec.replicas', [3]],
    ['.spec.paused', [false]],
    ['.spec.containers[0].name', ['a']],
    ['.spec.containers[-1].name', ['b']],
    ['.spec.containers[*].image', ['i1', 'i2']],
    ['.spec.containers.*.name', ['a', 'b']],
    ['.spec.containers[0:1].name', ['a']],
    ['.spec.containers[1:].name', ['b']],
    ['.status.conditions[?(@.type=="Ready")].status', ['True']],
    [".status.conditions[?(@.type != 'Ready')].type", ['Available']],
    ['.status.conditions[?(@.count==2)].type', ['Available']],
    ['.status.conditions[?(@.count>1)].type', ['Available']],
    ['.status.conditions[?(@.count)].type', ['Available']],
    ['.status.conditions[?(@.type=="Missing")].status', []],
    [".metadata.annotations['a.b']", ['dots']],
    ['.metadata.annotations["kubernetes.io/change-cause"]', ['x']],
    ['.metadata.annotations.kubernetes\\.io/change-cause', ['x']],
    ['.metadata.annotations.*', ['dots', 'x']],
    ['..name', ['p', 'a', 'b']],
    ['.missing.path', []],
    ['.spec.containers[5].name', []],
    ['.spec.replicas.deeper', []],
    ['.', [obj]],
  ])('%s', (path, expected) => {
    expect(evaluateJsonPath(obj, path)).toEqual(expected);
  });

  it.each(['', '{}', '.a[', '.a[x]', '.a[?(@.b=="c"]', ".a['b", 'spec.replicas', '.a[?(@.b==)]'])(
    'rejects %j',
    (path) => {
      expect(() => evaluateJsonPath(obj, path)).toThrow(JsonPathError);
    },
  );
});
