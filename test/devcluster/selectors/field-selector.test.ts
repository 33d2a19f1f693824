import { describe, expect, it } from 'vitest';
import {
  SelectorError,
  fieldTerms,
  fieldValue,
  formatFieldSelector,
  matchesFields,
  parseFieldSelector,
  supportedFieldsFor,
  validateFieldSelector,
} from '../../../src/devcluster/selectors/index.js';

describe('parseFieldSelector', () => {
  it.each([
    ['', ''],
    ['metadata.name=foo', 'metadata.name=foo'],
    ['metadata.name==foo', 'metadata.name=foo'],
    ['status.phase!=Running,spec.nodeName=', 'spec.nodeName=,status.phase!=Running'],
    ['metadata.name=a\\,b', 'metadata.name=a\\,b'],
    ['metadata.name=a\\=b\\\\c', 'metadata.name=a\\=b\\\\c'],
    [',metadata.name=x,', 'metadata.name=x'],
  ])('parses %j to %j', (text, canonical) => {
    expect(formatFieldSelector(parseFieldSelector(text))).toBe(canonical);
  });

  it('unescapes values', () => {
    expect(fieldTerms(parseFieldSelector('metadata.name=a\\,b,type!=x\\=y'))).toEqual([
      { field: 'metadata.name', operator: '=', value: 'a,b' },
      { field: 'type', operator: '!=', value: 'x=y' },
    ]);
  });

  it.each([
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['a=b,foo', "invalid selector: 'a=b,foo'; can't understand 'foo'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('rejects %j', (text, message) => {
    expect(() => parseFieldSelector(text)).toThrow(new SelectorError(message));
  });
});

describe('matchesFields', () => {
  const pod = {
    metadata: { name: 'web-1', namespace: 'default' },
    spec: { nodeName: 'node-a', restartPolicy: 'Always' },
    status: { phase: 'Running', podIPs: [{ ip: '10.0.0.7' }] },
  };
  const unscheduled = {
    metadata: { name: 'web-2', namespace: 'default' },
    status: { phase: 'Pending' },
  };
  it.each([
    ['', pod, true],
    ['metadata.name=web-1', pod, true],
    ['metadata.name!=web-1', pod, false],
    ['metadata.namespace=default,status.phase=Running', pod, true],
    ['status.phase!=Running', pod, false],
    ['spec.nodeName=', pod, false],
    ['spec.nodeName=', unscheduled, true],
    ['spec.nodeName!=', unscheduled, false],
    ['status.podIP=10.0.0.7', pod, true],
  ])('%j against %s', (text, obj, expected) => {
    expect(matchesFields(parseFieldSelector(text), (f) => fieldValue(obj, f))).toBe(expected);
  });
});

describe('fieldValue', () => {
  it.each<[string, unknown, string, string | undefined]>([
    [
      'podIP from podIPs',
      { status: { podIPs: [{ ip: '10.0.0.1' }], podIP: '10.0.0.2' } },
      'status.podIP',
      '10.0.0.1',
    ],
    ['podIP fallback', { status: { podIP: '10.0.0.2' } }, 'status.podIP', '10.0.0.2'],
    ['hostNetwork default', { spec: {} }, 'spec.hostNetwork', 'false'],
    [
      'event source component',
      { source: { component: 'kubelet' }, reportingController: 'x' },
      'source',
      'kubelet',
    ],
    ['event source fallback', { reportingController: 'rollouts' }, 'source', 'rollouts'],
    [
      'event reportingComponent',
      { reportingController: 'rollouts' },
      'reportingComponent',
      'rollouts',
    ],
    ['event involvedObject', { involvedObject: { kind: 'Pod' } }, 'involvedObject.kind', 'Pod'],
    ['replicaset replicas', { status: { replicas: 3 } }, 'status.replicas', '3'],
    ['replicaset replicas default', {}, 'status.replicas', '0'],
    ['job successful', { status: { succeeded: 1 } }, 'status.successful', '1'],
    ['node unschedulable', { spec: { unschedulable: true } }, 'spec.unschedulable', 'true'],
    ['node schedulable default', { spec: {} }, 'spec.unschedulable', 'false'],
    ['secret type', { type: 'Opaque' }, 'type', 'Opaque'],
    ['absent', { metadata: { name: 'n' } }, 'metadata.namespace', undefined],
  ])('%s', (_name, obj, field, expected) => {
    expect(fieldValue(obj, field)).toBe(expected);
  });
});

describe('validateFieldSelector', () => {
  it.each([
    ['', 'Pod', 'spec.nodeName=a,status.phase=Running,status.nominatedNodeName=', undefined],
    ['', 'Pod', 'spec.foo=x', 'field label not supported: spec.foo'],
    ['', 'ConfigMap', 'metadata.name=x,metadata.namespace=y', undefined],
    ['', 'ConfigMap', 'data.key=x', 'field label not supported: data.key'],
    ['', 'Event', 'involvedObject.name=web,reason=Started,type=Normal', undefined],
    ['', 'Secret', 'type=kubernetes.io/tls', undefined],
    ['', 'Namespace', 'status.phase=Active', undefined],
    ['', 'Node', 'spec.unschedulable=false', undefined],
    ['apps', 'ReplicaSet', 'status.replicas=0', undefined],
    ['batch', 'Job', 'status.successful=1', undefined],
    ['argoproj.io', 'Rollout', 'status.phase=Healthy', 'field label not supported: status.phase'],
  ])('%s/%s %j', (group, kind, text, message) => {
    const attempt = (): void =>
      validateFieldSelector(parseFieldSelector(text), supportedFieldsFor(group, kind));
    if (message === undefined) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(new SelectorError(message));
  });
});
