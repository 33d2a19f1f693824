import { describe, expect, it } from 'vitest';
import { decodeKubeProtobuf } from '../../../src/devcluster/protobuf/index.js';
import { FIXTURE_NAMES, kubectlBody, kubectlJson } from './fixtures.js';

type Json = Record<string, unknown>;

function decoded(name: string): Json {
  return decodeKubeProtobuf(kubectlBody(name));
}

/** Walks a decoded object by keys and indexes, failing loudly on a missing step. */
function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const step of path) {
    expect(current, `at ${path.join('.')}`).toBeTypeOf('object');
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

describe('decodeKubeProtobuf on bodies captured from kubectl 1.32', () => {
  const withJson = FIXTURE_NAMES.filter((name) => kubectlJson(name) !== undefined);

  it('has the captured fixtures', () => {
    expect(withJson.length).toBeGreaterThanOrEqual(13);
  });

  it.each(withJson)(
    '%s decodes to exactly the JSON kubectl renders for the same object',
    (name) => {
      expect(decoded(name)).toStrictEqual(kubectlJson(name));
    },
  );

  it('configmap: both literals, nothing else', () => {
    expect(decoded('configmap')).toStrictEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c1' },
      data: { a: 'b', n: '1' },
    });
  });

  it('secret: data values come out base64, binary bytes intact', () => {
    const secret = decoded('secret-generic');
    expect(secret['data']).toStrictEqual({
      k: 'dg==',
      bin: Buffer.from([0x00, 0x01, 0xfe, 0xff, ...Buffer.from(' binary')]).toString('base64'),
    });
    expect(secret).not.toHaveProperty('type');
  });

  it('deployment: replicas 3, the image and the container port', () => {
    const deployment = decoded('deployment');
    expect(at(deployment, 'spec', 'replicas')).toBe(3);
    expect(at(deployment, 'spec', 'selector')).toStrictEqual({ matchLabels: { app: 'd1' } });
    expect(at(deployment, 'spec', 'template', 'spec', 'containers')).toStrictEqual([
      { name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 8080 }], resources: {} },
    ]);
  });

  it('service: port 80 with a numeric targetPort 8080; nodePort when asked', () => {
    expect(at(decoded('service-clusterip'), 'spec', 'ports')).toStrictEqual([
      { name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 },
    ]);
    expect(at(decoded('service-nodeport'), 'spec', 'ports', 0, 'nodePort')).toBe(30080);
    expect(at(decoded('service-externalname'), 'spec')).toMatchObject({
      type: 'ExternalName',
      externalName: 'example.com',
    });
  });

  it('job: restartPolicy Never and the command as given', () => {
    const podSpec = at(decoded('job'), 'spec', 'template', 'spec');
    expect(podSpec).toMatchObject({
      restartPolicy: 'Never',
      containers: [{ name: 'j1', image: 'busybox', command: ['sh', '-c', 'exit 0'] }],
    });
  });

  it('ingress: named and numbered backend ports, pathType and class', () => {
    const spec = at(decoded('ingress'), 'spec');
    expect(at(spec, 'defaultBackend')).toStrictEqual({
      service: { name: 'defsvc', port: { name: 'http' } },
    });
    expect(at(spec, 'rules', 0, 'http', 'paths', 0)).toStrictEqual({
      path: '/bar',
      pathType: 'Prefix',
      backend: { service: { name: 'svc1', port: { number: 8080 } } },
    });
    expect(at(spec, 'ingressClassName')).toBe('nginx');
  });

  it('pdb: a percentage stays an IntOrString string', () => {
    expect(at(decoded('pdb'), 'spec', 'maxUnavailable')).toBe('50%');
  });

  it('token request: audiences, expiration and the bound object', () => {
    expect(decoded('token-request')).toStrictEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      metadata: {},
      spec: {
        audiences: ['aud1'],
        expirationSeconds: 600,
        boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'p1', uid: '1234' },
      },
      status: { token: '' },
    });
  });

  it('job from a rich cronjob: pointer fields set to zero survive, omitempty zeros do not appear', () => {
    const job = decoded('job-from-cronjob');
    const podSpec = at(job, 'spec', 'template', 'spec');
    expect(podSpec).toMatchObject({
      terminationGracePeriodSeconds: 0,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
    });
    expect(podSpec).not.toHaveProperty('hostNetwork');
    expect(at(podSpec, 'containers', 0, 'securityContext')).toMatchObject({
      runAsUser: 0,
      privileged: false,
    });
    expect(at(podSpec, 'containers', 0, 'livenessProbe', 'httpGet', 'port')).toBe('http');
    expect(at(podSpec, 'containers', 1, 'readinessProbe')).toStrictEqual({
      grpc: { port: 9090, service: '' },
    });
    expect(at(job, 'spec', 'backoffLimit')).toBe(0);
    expect(at(job, 'metadata', 'ownerReferences')).toStrictEqual([
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        name: 'rich',
        uid: '0b5c3c3e-1111-4222-8333-944455556666',
        controller: true,
      },
    ]);
  });
});
