import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  connectKube,
  type InClusterPaths,
  type KubeconfigEnvironment,
  KubeconfigError,
  listKubeconfigContexts,
  loadKubeconfig,
  nodeCredentialDeps,
  nodeKubeconfigEnvironment,
  TOKEN_FILE_TTL_MS,
} from '../../../../src/runtime/node/kubeconfig/index.js';
import { aKubeconfig, aSingleKubeconfig } from './builders.js';
import { type EchoServer, startEchoServer, tlsFixture } from './echo-server.js';

// Created while collecting: the tables below name paths in it.
const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (path: string, text: string | Buffer) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
  return join(dir, path);
};

/** This process's filesystem, with the environment, home and service-account paths given. */
const environment = (
  env: Record<string, string | undefined>,
  o: { home?: string; inCluster?: InClusterPaths } = {},
): KubeconfigEnvironment => ({
  ...nodeKubeconfigEnvironment(),
  env,
  homeDir: o.home ?? join(dir, 'no-home'),
  inCluster: o.inCluster ?? {
    token: join(dir, 'no-sa/token'),
    ca: join(dir, 'no-sa/ca.crt'),
    namespace: join(dir, 'no-sa/namespace'),
  },
});

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof KubeconfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a KubeconfigError');
};

describe('loadKubeconfig: which files', () => {
  it('merges the files of KUBECONFIG in order, skipping those that do not exist', () => {
    const a = write('list/a', aSingleKubeconfig({ cluster: { server: 'https://a' } }));
    const b = write(
      'list/b',
      aSingleKubeconfig({ cluster: { server: 'https://b' }, context: { namespace: 'from-b' } }),
    );
    const loaded = loadKubeconfig(
      undefined,
      {},
      environment({ KUBECONFIG: [join(dir, 'list/missing'), a, b].join(':') }),
    );
    expect(loaded).toMatchObject({ source: `${a}:${b}`, target: { server: 'https://a' } });
    expect(loaded.target.namespace).toBeUndefined();
  });

  it('a path handed over may be a KUBECONFIG list too (functions/node.ts passes KUBECONFIG on)', () => {
    const a = write('handed/a', aSingleKubeconfig({ cluster: { server: 'https://handed' } }));
    expect(
      loadKubeconfig(`${join(dir, 'handed/none')}:${a}`, {}, environment({})).target.server,
    ).toBe('https://handed');
  });

  it('lists the contexts of every file of a KUBECONFIG list, merged as kubectl merges (freeze --fleet)', () => {
    const one = write(
      'contexts/one',
      aKubeconfig({
        clusters: { c1: { server: 'https://one' }, c2: { server: 'https://two' } },
        users: { u: { token: 't' } },
        contexts: {
          'fleet-1': { cluster: 'c1', user: 'u' },
          'fleet-2': { cluster: 'c2', user: 'u' },
        },
        current: 'fleet-1',
      }),
    );
    const two = write(
      'contexts/two',
      aKubeconfig({
        clusters: { c3: { server: 'https://three' } },
        users: { u: { token: 't' } },
        contexts: {
          'fleet-2': { cluster: 'c3', user: 'u' },
          'fleet-3': { cluster: 'c3', user: 'u' },
        },
        current: 'fleet-3',
      }),
    );
    expect(listKubeconfigContexts(undefined, environment({ KUBECONFIG: `${one}:${two}` }))).toEqual(
      ['fleet-1', 'fleet-2', 'fleet-3'],
    );
    expect(() => listKubeconfigContexts(join(dir, 'contexts/none'), environment({}))).toThrow(
      KubeconfigError,
    );
  });

  it('falls back to ~/.kube/config', () => {
    write('home/.kube/config', aSingleKubeconfig({ cluster: { server: 'https://home' } }));
    expect(
      loadKubeconfig(undefined, {}, environment({}, { home: join(dir, 'home') })).target.server,
    ).toBe('https://home');
  });

  it('reads certificate and key files named relative to the kubeconfig', () => {
    write('files/pki/ca.crt', tlsFixture('ca.crt'));
    write('files/pki/client.crt', tlsFixture('client.crt'));
    write('files/pki/client.key', tlsFixture('client.key'));
    const file = write(
      'files/config',
      aSingleKubeconfig({
        cluster: { 'certificate-authority': 'pki/ca.crt' },
        user: {
          token: undefined,
          'client-certificate': 'pki/client.crt',
          'client-key': 'pki/client.key',
        },
      }),
    );
    const loaded = loadKubeconfig(file, {}, environment({}));
    expect(loaded.ca?.toString()).toBe(tlsFixture('ca.crt').toString());
    expect(loaded.clientKey?.toString()).toBe(tlsFixture('client.key').toString());
  });

  it.each([
    [
      'a --kubeconfig that does not exist',
      () => loadKubeconfig(join(dir, 'nope'), {}, environment({})),
      [`kubeconfig ${join(dir, 'nope')}: no such file`],
    ],
    [
      'no file and not in a pod',
      () => loadKubeconfig(undefined, {}, environment({})),
      [
        `no kubeconfig found: looked at ${join(dir, 'no-home/.kube/config')} (KUBECONFIG is not set), and this is not a pod (KUBERNETES_SERVICE_HOST is not set)`,
      ],
    ],
    [
      'certificate files that cannot be read',
      () =>
        loadKubeconfig(
          write(
            'unreadable/config',
            aSingleKubeconfig({
              cluster: { 'certificate-authority': 'ca.crt' },
              user: { tokenFile: 'token', token: undefined },
            }),
          ),
          {},
          environment({}),
        ),
      [
        `${join(dir, 'unreadable/config')}: clusters[c].cluster.certificate-authority: cannot read ${join(dir, 'unreadable/ca.crt')} (ENOENT)`,
        `tokenFile ${join(dir, 'unreadable/token')}: cannot read ${join(dir, 'unreadable/token')} (ENOENT)`,
      ],
    ],
  ])('%s is an error saying so', (_name, load, problems) => {
    expect(problemsOf(load)).toEqual(problems);
  });
});

describe('loadKubeconfig: in-cluster', () => {
  let api: EchoServer;
  let paths: InClusterPaths;
  beforeAll(async () => {
    api = await startEchoServer('ca');
    paths = {
      token: write('sa/token', 'first-token\n'),
      ca: write('sa/ca.crt', tlsFixture('ca.crt')),
      namespace: write('sa/namespace', 'rollouts\n'),
    };
  });
  afterAll(() => api.close());
  afterEach(() => writeFileSync(paths.token, 'first-token\n'));
  const inPod = () =>
    environment(
      { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: new URL(api.url).port },
      { inCluster: paths },
    );

  it('uses the service account when there is no kubeconfig', () => {
    expect(loadKubeconfig(undefined, {}, inPod())).toMatchObject({
      source: 'in-cluster',
      target: {
        context: 'in-cluster',
        server: api.url,
        namespace: 'rollouts',
        tokenFile: paths.token,
      },
    });
  });

  it('brackets an IPv6 service host', () => {
    const env = environment(
      { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' },
      { inCluster: paths },
    );
    expect(loadKubeconfig(undefined, {}, env).target.server).toBe('https://[fd00::1]:443');
  });

  it('verifies the mounted CA and re-reads a rotated token once a minute, or at once after a 401', async () => {
    let now = 1_000_000;
    const conn = connectKube(loadKubeconfig(undefined, {}, inPod()), {
      ...nodeCredentialDeps(),
      now: () => now,
    });
    const authorization = async () =>
      ((await (await conn.fetch('/version')).json()) as { authorization: string }).authorization;
    expect(await authorization()).toBe('Bearer first-token');
    writeFileSync(paths.token, 'second-token\n');
    expect(await authorization()).toBe('Bearer first-token');
    now += TOKEN_FILE_TTL_MS;
    expect(await authorization()).toBe('Bearer second-token');
    writeFileSync(paths.token, 'third-token\n');
    api.rejected.add('second-token');
    expect(await authorization()).toBe('Bearer third-token');
    expect(api.seen.slice(-2).map((s) => s.authorization)).toEqual([
      'Bearer second-token',
      'Bearer third-token',
    ]);
  });

  it('keeps the last token read while the token file cannot be read', async () => {
    let now = 1_000_000;
    const conn = connectKube(loadKubeconfig(undefined, {}, inPod()), {
      ...nodeCredentialDeps(),
      now: () => now,
    });
    expect((await conn.fetch('/version')).status).toBe(200);
    rmSync(paths.token);
    now += TOKEN_FILE_TTL_MS;
    expect(await (await conn.fetch('/version')).json()).toMatchObject({
      authorization: 'Bearer first-token',
    });
  });

  it('a kubeconfig, when there is one, wins over the service account', () => {
    const file = write(
      'in-pod/config',
      aSingleKubeconfig({ cluster: { server: 'https://from-file' } }),
    );
    expect(
      loadKubeconfig(undefined, {}, { ...inPod(), env: { ...inPod().env, KUBECONFIG: file } })
        .target.server,
    ).toBe('https://from-file');
    expect(readFileSync(paths.token, 'utf8')).toBe('first-token\n');
  });
});
