import { describe, expect, it } from 'vitest';
import {
  ProtobufDecodeError,
  decodeKubeProtobuf,
  supportsProtobufKind,
} from '../../../src/devcluster/protobuf/index.js';
import {
  bytes,
  concat,
  fixed32,
  fixed64,
  int,
  kubeBody,
  mapEntry,
  varint,
} from './wire-encoder.js';

type Json = Record<string, unknown>;

const name = (n: string) => bytes(1, bytes(1, n)); // metadata{name}
const deployment = (...spec: number[][]) =>
  decodeKubeProtobuf(kubeBody('apps/v1', 'Deployment', concat(name('d'), bytes(2, ...spec))));
const specOf = (obj: Json) => obj['spec'] as Json;

function decodeError(body: Uint8Array): ProtobufDecodeError {
  try {
    decodeKubeProtobuf(body);
  } catch (err) {
    expect(err).toBeInstanceOf(ProtobufDecodeError);
    return err as ProtobufDecodeError;
  }
  throw new Error('expected a ProtobufDecodeError');
}

describe('the k8s envelope', () => {
  it('puts typeMeta apiVersion and kind on the object', () => {
    expect(decodeKubeProtobuf(kubeBody('v1', 'ConfigMap', name('c')))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
    });
  });

  it('decodes an empty raw message to the bare typeMeta', () => {
    expect(decodeKubeProtobuf(kubeBody('v1', 'Namespace', []))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
    });
  });

  it.each([
    ['no bytes at all', new Uint8Array(0)],
    ['JSON sent with the protobuf content type', new TextEncoder().encode('{"kind":"ConfigMap"}')],
    ['a wrong magic', concat([0x6b, 0x38, 0x73, 0x01], bytes(1, bytes(2, 'ConfigMap')))],
    ['no kind', kubeBody('v1', '', [])],
    ['a gzip contentEncoding', kubeBody('v1', 'ConfigMap', [], 'gzip')],
    ['a typeMeta that is a varint', concat([0x6b, 0x38, 0x73, 0x00], int(1, 5))],
  ])('rejects %s with 400', (_, body) => {
    const err = decodeError(body);
    expect(err.status).toBe(400);
    expect(err.reason).toBe('BadRequest');
  });

  it('answers a kind without a schema with 415 and asks for JSON', () => {
    const err = decodeError(kubeBody('scheduling.k8s.io/v1', 'PriorityClass', int(2, 1000)));
    expect(err).toMatchObject({ status: 415, code: 'ProtobufDecodeError', retryable: false });
    expect(err.message).toBe(
      'protobuf is not supported for scheduling.k8s.io/v1/PriorityClass; send application/json',
    );
  });

  it.each([
    ['v1', 'ConfigMap', true],
    ['v1', 'Secret', true],
    ['v1', 'Pod', true],
    ['apps/v1', 'Deployment', true],
    ['batch/v1', 'CronJob', true],
    ['networking.k8s.io/v1', 'Ingress', true],
    ['policy/v1', 'PodDisruptionBudget', true],
    ['authentication.k8s.io/v1', 'TokenRequest', true],
    ['apps/v1', 'StatefulSet', false],
    ['v1', 'Deployment', false],
    ['argoproj.io/v1alpha1', 'Rollout', false],
    ['v1', 'constructor', false],
  ])('supportsProtobufKind(%s, %s) is %s', (apiVersion, kind, supported) => {
    expect(supportsProtobufKind(apiVersion, kind)).toBe(supported);
  });
});

describe('proto2 presence against the JSON form', () => {
  it('keeps a zero the client set on a pointer field (replicas: 0) and leaves an absent one out', () => {
    expect(specOf(deployment(int(1, 0)))).toStrictEqual({ replicas: 0 });
    expect(specOf(deployment())).toStrictEqual({});
  });

  it('drops zeros Go always writes for omitempty values (minReadySeconds, paused, generateName)', () => {
    expect(specOf(deployment(int(5, 0), int(7, false), int(5, 7)))).toStrictEqual({
      minReadySeconds: 7,
    });
    expect(specOf(deployment(int(7, true)))).toStrictEqual({ paused: true });
    const cm = decodeKubeProtobuf(
      kubeBody(
        'v1',
        'ConfigMap',
        concat(bytes(1, bytes(1, 'c'), bytes(2, ''), bytes(3, ''), int(7, 0)), int(4, false)),
      ),
    );
    expect(cm).toStrictEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      immutable: false,
    });
  });

  it('keeps an empty string on a field without omitempty (container name)', () => {
    const pod = decodeKubeProtobuf(
      kubeBody('v1', 'Pod', bytes(2, bytes(2, bytes(1, ''), bytes(2, 'nginx')))),
    );
    expect(specOf(pod)['containers']).toStrictEqual([{ name: '', image: 'nginx' }]);
  });

  it('keeps the last of a repeated scalar and merges a repeated message', () => {
    const spec = specOf(deployment(int(1, 2), int(1, 5)));
    expect(spec['replicas']).toBe(5);
    const merged = decodeKubeProtobuf(
      kubeBody('apps/v1', 'Deployment', concat(bytes(2, int(1, 2)), bytes(2, int(6, 4)))),
    );
    expect(merged['spec']).toStrictEqual({ replicas: 2, revisionHistoryLimit: 4 });
  });
});

describe('scalars', () => {
  it('reads negative int32 (10-byte varints) and large int64', () => {
    const pod = decodeKubeProtobuf(kubeBody('v1', 'Pod', bytes(2, int(25, -1), int(5, 2n ** 40n))));
    expect(pod['spec']).toStrictEqual({ priority: -1, activeDeadlineSeconds: 2 ** 40 });
  });

  it('reads packed and unpacked repeated int64 alike', () => {
    const packed = bytes(14, bytes(4, varint(1), varint(300)));
    const unpacked = bytes(14, int(4, 1), int(4, 300));
    for (const securityContext of [packed, unpacked]) {
      const pod = decodeKubeProtobuf(kubeBody('v1', 'Pod', bytes(2, securityContext)));
      expect(specOf(pod)['securityContext']).toStrictEqual({ supplementalGroups: [1, 300] });
    }
  });

  it('writes invalid UTF-8 as U+FFFD, like encoding/json', () => {
    const cm = decodeKubeProtobuf(
      kubeBody('v1', 'ConfigMap', mapEntry(2, 'k', [...bytes(2, [0x61, 0xff, 0x62])])),
    );
    expect(cm['data']).toStrictEqual({ k: 'a\uFFFDb' });
  });
});

describe('maps', () => {
  it('base64-encodes bytes values and keeps the last of a duplicate key', () => {
    const cm = decodeKubeProtobuf(
      kubeBody(
        'v1',
        'ConfigMap',
        concat(
          mapEntry(3, 'bin', bytes(2, [0, 255])),
          mapEntry(2, 'a', '1'),
          mapEntry(2, 'a', '2'),
        ),
      ),
    );
    expect(cm).toMatchObject({ binaryData: { bin: 'AP8=' }, data: { a: '2' } });
  });

  it('keeps a "__proto__" key as an ordinary own key', () => {
    const data = decodeKubeProtobuf(kubeBody('v1', 'ConfigMap', mapEntry(2, '__proto__', 'x')))[
      'data'
    ] as Json;
    expect(Object.keys(data)).toStrictEqual(['__proto__']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });

  it('fills a missing key or value with its zero value', () => {
    const cm = decodeKubeProtobuf(
      kubeBody('v1', 'ConfigMap', concat(bytes(2, bytes(2, 'v')), bytes(2, bytes(1, 'k')))),
    );
    expect(cm['data']).toStrictEqual({ '': 'v', k: '' });
    const limits = bytes(
      8,
      mapEntry(1, 'cpu', bytes(2, bytes(1, '500m'))),
      bytes(1, bytes(1, 'memory')),
    );
    const pod = decodeKubeProtobuf(
      kubeBody('v1', 'Pod', bytes(2, bytes(2, bytes(1, 'c'), limits))),
    );
    expect((specOf(pod)['containers'] as Json[])[0]).toStrictEqual({
      name: 'c',
      resources: { limits: { cpu: '500m', memory: '0' } },
    });
  });
});

describe('apimachinery special types', () => {
  const servicePort = (...targetPort: number[][]) => {
    const svc = decodeKubeProtobuf(
      kubeBody('v1', 'Service', bytes(2, bytes(1, int(3, 80), bytes(4, ...targetPort)))),
    );
    return (specOf(svc)['ports'] as Json[])[0];
  };

  it.each([
    ['an int', [int(1, 0), int(2, 8080)], 8080],
    ['a string', [int(1, 1), bytes(3, 'http')], 'http'],
    ['an empty IntOrString', [], 0],
  ])('IntOrString as %s', (_, targetPort, expected) => {
    expect(servicePort(...targetPort)).toStrictEqual({ port: 80, targetPort: expected });
  });

  const created = (...time: number[][]) =>
    (
      decodeKubeProtobuf(kubeBody('v1', 'ConfigMap', bytes(1, bytes(1, 'c'), bytes(8, ...time))))[
        'metadata'
      ] as Json
    )['creationTimestamp'];

  it.each([
    ['an empty Time is left out', [], undefined],
    ['Go zero time is left out', [int(1, -62135596800)], undefined],
    ['whole seconds in RFC 3339', [int(1, 1714979289)], '2024-05-06T07:08:09Z'],
    [
      'nanos dropped, as metav1.Time does',
      [int(1, 1714979289), int(2, 999_000_000)],
      '2024-05-06T07:08:09Z',
    ],
    ['the Unix epoch is a real time', [int(1, 0)], '1970-01-01T00:00:00Z'],
  ])('Time: %s', (_, time, expected) => {
    expect(created(...time)).toBe(expected);
  });

  it('rejects a Time outside years 0..9999', () => {
    expect(() => created(int(1, 253402300800))).toThrow(ProtobufDecodeError);
  });

  it('MicroTime keeps microseconds (Lease renewTime)', () => {
    const lease = decodeKubeProtobuf(
      kubeBody(
        'coordination.k8s.io/v1',
        'Lease',
        bytes(2, bytes(1, 'me'), bytes(4, int(1, 1714979289), int(2, 123_456_789))),
      ),
    );
    expect(lease['spec']).toStrictEqual({
      holderIdentity: 'me',
      renewTime: '2024-05-06T07:08:09.123456Z',
    });
  });

  it('FieldsV1 is the JSON it carries; anything else is a decode error', () => {
    const entry = (raw: string) =>
      kubeBody(
        'v1',
        'ConfigMap',
        bytes(1, bytes(17, bytes(1, 'kubectl'), bytes(7, bytes(1, raw)))),
      );
    expect(
      (decodeKubeProtobuf(entry('{"f:data":{}}'))['metadata'] as Json)['managedFields'],
    ).toStrictEqual([{ manager: 'kubectl', fieldsV1: { 'f:data': {} } }]);
    expect(() => decodeKubeProtobuf(entry('{nope'))).toThrow(ProtobufDecodeError);
  });
});

describe('structure', () => {
  it('inlines embedded structs (configMap volume name, probe handler, ingress rule value)', () => {
    const volume = bytes(
      1,
      bytes(1, 'cfg'),
      bytes(2, bytes(19, bytes(1, bytes(1, 'c1')), int(3, 420))),
    );
    const probe = bytes(10, bytes(1, bytes(3, bytes(1, int(1, 0), int(2, 8080)))), int(4, 5));
    const pod = decodeKubeProtobuf(
      kubeBody('v1', 'Pod', bytes(2, volume, bytes(2, bytes(1, 'c'), probe))),
    );
    expect(pod['spec']).toStrictEqual({
      volumes: [{ name: 'cfg', configMap: { name: 'c1', defaultMode: 420 } }],
      containers: [{ name: 'c', livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 } }],
    });
  });

  it('skips unknown fields of every wire type, in the envelope and in messages', () => {
    const group = [...varint((90 << 3) | 3), ...int(1, 7), ...varint((90 << 3) | 4)];
    const unknown = concat(int(99, 1), fixed64(98, 1.5), bytes(97, 'x'), fixed32(96, 7), group);
    const body = concat(
      kubeBody(
        'v1',
        'ConfigMap',
        concat(unknown, name('c'), bytes(1, unknown), mapEntry(2, 'a', 'b')),
      ),
      bytes(15, 'trailing'),
    );
    expect(decodeKubeProtobuf(body)).toStrictEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: 'b' },
    });
  });

  it.each([
    ['a string sent as a varint', kubeBody('v1', 'ConfigMap', bytes(1, int(1, 5)))],
    ['an int sent as bytes', kubeBody('apps/v1', 'Deployment', bytes(2, bytes(1, 'x')))],
    ['a message sent as fixed32', kubeBody('v1', 'ConfigMap', fixed32(1, 0))],
    ['a length past the end', kubeBody('v1', 'ConfigMap', [0x0a, 0x05, 0x0a])],
    [
      'a varint of 11 bytes',
      kubeBody('v1', 'ConfigMap', [0x08, ...Array<number>(10).fill(0xff), 0x01]),
    ],
    ['field number 0', kubeBody('v1', 'ConfigMap', [0x00, 0x00])],
    ['wire type 7', kubeBody('v1', 'ConfigMap', [0x0f])],
    [
      'an unterminated group',
      kubeBody('v1', 'ConfigMap', [...varint((90 << 3) | 3), ...int(1, 7)]),
    ],
    ['a stray end group', kubeBody('v1', 'ConfigMap', varint((90 << 3) | 4))],
  ])('rejects %s', (_, body) => {
    expect(decodeError(body).status).toBe(400);
  });
});
