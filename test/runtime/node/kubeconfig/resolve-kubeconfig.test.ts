import { describe, expect, it } from 'vitest';
import {
  mergeKubeconfigs,
  parseKubeconfig,
  resolveKubeconfig,
  type KubeTarget,
} from '../../../../src/runtime/node/kubeconfig/index.js';
import { aKubeconfig, aSingleKubeconfig, b64 } from './builders.js';

/** Parses, merges and resolves documents as the loader does, without touching the disk. */
function resolveDocs(files: Array<[path: string, text: string]>, context?: string) {
  const parsed = files.map(([path, text]) => parseKubeconfig(text, path));
  const problems = parsed.flatMap((p) => p.problems);
  if (problems.length > 0) return { problems };
  return resolveKubeconfig(
    mergeKubeconfigs(parsed.map((p) => p.file)),
    context === undefined ? {} : { context },
  );
}

const targetOf = (files: Array<[string, string]>, context?: string): KubeTarget => {
  const resolved = resolveDocs(files, context);
  if ('problems' in resolved) throw new Error(resolved.problems.join('\n'));
  return resolved.target;
};

const CONFIG = '/home/dev/.kube/config';

describe('resolveKubeconfig: fields', () => {
  it.each([
    [
      'certificate-authority-data is decoded',
      { cluster: { 'certificate-authority-data': b64('CA PEM') } },
      { ca: { data: Buffer.from('CA PEM') } },
    ],
    [
      'a relative certificate-authority resolves against the kubeconfig',
      { cluster: { 'certificate-authority': 'certs/ca.crt' } },
      {
        ca: {
          file: '/home/dev/.kube/certs/ca.crt',
          field: `${CONFIG}: clusters[c].cluster.certificate-authority`,
        },
      },
    ],
    [
      'an absolute certificate-authority stays',
      { cluster: { 'certificate-authority': '/etc/k8s/ca.crt' } },
      {
        ca: {
          file: '/etc/k8s/ca.crt',
          field: `${CONFIG}: clusters[c].cluster.certificate-authority`,
        },
      },
    ],
    [
      'certificate-authority-data wins over the file',
      {
        cluster: { 'certificate-authority': 'ca.crt', 'certificate-authority-data': b64('inline') },
      },
      { ca: { data: Buffer.from('inline') } },
    ],
    [
      'tls-server-name and a trailing slash on server',
      { cluster: { server: 'https://10.0.0.1:6443/', 'tls-server-name': 'kubernetes' } },
      { server: 'https://10.0.0.1:6443', tlsServerName: 'kubernetes' },
    ],
    [
      'insecure-skip-tls-verify',
      { cluster: { 'insecure-skip-tls-verify': true } },
      { insecureSkipTlsVerify: true },
    ],
    [
      'an http proxy-url',
      { cluster: { 'proxy-url': 'http://proxy:3128' } },
      { proxyUrl: 'http://proxy:3128' },
    ],
    [
      'client certificate and key data',
      {
        user: {
          token: undefined,
          'client-certificate-data': b64('CERT'),
          'client-key-data': b64('KEY'),
        },
      },
      { clientCertificate: { data: Buffer.from('CERT') }, clientKey: { data: Buffer.from('KEY') } },
    ],
    [
      'client certificate and key files, relative',
      { user: { token: undefined, 'client-certificate': 'u.crt', 'client-key': '../keys/u.key' } },
      {
        clientCertificate: {
          file: '/home/dev/.kube/u.crt',
          field: `${CONFIG}: users[u].user.client-certificate`,
        },
        clientKey: { file: '/home/dev/keys/u.key', field: `${CONFIG}: users[u].user.client-key` },
      },
    ],
    [
      'a relative tokenFile',
      { user: { token: undefined, tokenFile: 'token' } },
      { tokenFile: '/home/dev/.kube/token' },
    ],
    [
      'basic auth',
      { user: { token: undefined, username: 'admin', password: 's3cret' } },
      { basicAuth: { username: 'admin', password: 's3cret' } },
    ],
    ['the context namespace', { context: { namespace: 'shop' } }, { namespace: 'shop' }],
  ])('%s', (_name, overrides, expected) => {
    expect(targetOf([[CONFIG, aSingleKubeconfig(overrides)]])).toMatchObject({
      context: 'ctx',
      ...expected,
    });
  });

  it('an exec plugin: a command with a slash resolves against the kubeconfig, a bare one stays for PATH', () => {
    const exec = (command: string) => ({
      token: undefined,
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command,
        args: ['token'],
        env: [{ name: 'A', value: 'b' }],
        interactiveMode: 'Never',
      },
    });
    expect(targetOf([[CONFIG, aSingleKubeconfig({ user: exec('./bin/plugin') })]]).exec).toEqual({
      command: '/home/dev/.kube/bin/plugin',
      args: ['token'],
      env: [{ name: 'A', value: 'b' }],
      apiVersion: 'client.authentication.k8s.io/v1',
      interactiveMode: 'Never',
      provideClusterInfo: false,
    });
    expect(targetOf([[CONFIG, aSingleKubeconfig({ user: exec('kubelogin') })]]).exec?.command).toBe(
      'kubelogin',
    );
  });

  it('v1beta1 plugins default to interactiveMode IfAvailable and get the cluster extension', () => {
    const text = aSingleKubeconfig({
      cluster: {
        extensions: [{ name: 'client.authentication.k8s.io/exec', extension: { audience: 'x' } }],
      },
      user: {
        token: undefined,
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'p',
          provideClusterInfo: true,
        },
      },
    });
    expect(targetOf([[CONFIG, text]]).exec).toMatchObject({
      interactiveMode: 'IfAvailable',
      provideClusterInfo: true,
      clusterConfig: { audience: 'x' },
    });
  });

  it('--context picks another context than current-context', () => {
    const text = aKubeconfig({
      clusters: { a: { server: 'https://a' }, b: { server: 'https://b' } },
      contexts: { one: { cluster: 'a' }, two: { cluster: 'b' } },
      current: 'one',
    });
    expect(targetOf([[CONFIG, text]]).server).toBe('https://a');
    expect(targetOf([[CONFIG, text]], 'two')).toMatchObject({
      context: 'two',
      server: 'https://b',
    });
  });
});

describe('resolveKubeconfig: merging a KUBECONFIG list', () => {
  const first = aKubeconfig({
    clusters: { shared: { server: 'https://first' } },
    contexts: { dev: { cluster: 'shared', user: 'me' } },
    current: 'dev',
  });
  const second = aKubeconfig({
    clusters: {
      shared: { server: 'https://second' },
      other: { server: 'https://other', 'certificate-authority': 'ca.crt' },
    },
    users: { me: { tokenFile: 'me.token' } },
    contexts: { dev: { cluster: 'other' }, prod: { cluster: 'other', user: 'me' } },
    current: 'prod',
  });

  it('the first file to define a name wins, and so does the first current-context', () => {
    expect(
      targetOf([
        ['/a/config', first],
        ['/b/config', second],
      ]),
    ).toMatchObject({ context: 'dev', server: 'https://first', tokenFile: '/b/me.token' });
  });

  it('relative paths resolve against the file that defined the entry', () => {
    expect(
      targetOf(
        [
          ['/a/config', first],
          ['/b/config', second],
        ],
        'prod',
      ),
    ).toMatchObject({
      server: 'https://other',
      ca: { file: '/b/ca.crt' },
      tokenFile: '/b/me.token',
    });
  });

  it('a later current-context applies when the earlier files set none', () => {
    const noCurrent = aKubeconfig({ clusters: { x: { server: 'https://x' } } });
    expect(
      targetOf([
        ['/a/config', noCurrent],
        ['/b/config', second],
      ]),
    ).toMatchObject({ context: 'prod' });
  });
});

describe('resolveKubeconfig: problems, every one listed with its file and field', () => {
  it.each([
    [
      'no current-context',
      aKubeconfig({ clusters: { c: { server: 'https://c' } } }),
      undefined,
      [`kubeconfig ${CONFIG}: no current-context is set and no context was named`],
    ],
    [
      'a context that does not exist',
      aSingleKubeconfig(),
      'nope',
      [`context "nope" does not exist in kubeconfig ${CONFIG}`],
    ],
    [
      'a missing cluster and user',
      aKubeconfig({ contexts: { ctx: { cluster: 'gone', user: 'ghost' } }, current: 'ctx' }),
      undefined,
      [
        `${CONFIG}: contexts[ctx].context.cluster: cluster "gone" does not exist in kubeconfig ${CONFIG}`,
        `${CONFIG}: contexts[ctx].context.user: user "ghost" does not exist in kubeconfig ${CONFIG}`,
      ],
    ],
    [
      'bad base64 in two fields',
      aSingleKubeconfig({
        cluster: { 'certificate-authority-data': 'not base64!' },
        user: { token: undefined, 'client-certificate-data': b64('C'), 'client-key-data': 'abc' },
      }),
      undefined,
      [
        `${CONFIG}: clusters[c].cluster.certificate-authority-data: not valid base64`,
        `${CONFIG}: users[u].user.client-key-data: not valid base64`,
      ],
    ],
    [
      'a server that is not a URL',
      aSingleKubeconfig({ cluster: { server: 'api.example:6443' } }),
      undefined,
      [`${CONFIG}: clusters[c].cluster.server: "api.example:6443" is not an http(s) URL`],
    ],
    [
      'no server',
      aSingleKubeconfig({ cluster: { server: undefined } }),
      undefined,
      [`${CONFIG}: clusters[c].cluster.server: missing`],
    ],
    [
      'a CA with insecure-skip-tls-verify',
      aSingleKubeconfig({
        cluster: { 'certificate-authority-data': b64('CA'), 'insecure-skip-tls-verify': true },
      }),
      undefined,
      [
        `${CONFIG}: clusters[c].cluster.insecure-skip-tls-verify: cannot be true when a certificate-authority is set`,
      ],
    ],
    [
      'a socks5 proxy',
      aSingleKubeconfig({ cluster: { 'proxy-url': 'socks5://proxy:1080' } }),
      undefined,
      [
        `${CONFIG}: clusters[c].cluster.proxy-url: "socks5://proxy:1080" is not supported: only http:// and https:// proxies are (no socks5)`,
      ],
    ],
    [
      'a certificate without a key',
      aSingleKubeconfig({ user: { token: undefined, 'client-certificate-data': b64('C') } }),
      undefined,
      [
        `${CONFIG}: users[u].user.client-key: missing: client-certificate is set, so a key is needed`,
      ],
    ],
    [
      'both data and file for a certificate',
      aSingleKubeconfig({
        user: {
          token: undefined,
          'client-certificate': 'a.crt',
          'client-certificate-data': b64('C'),
          'client-key-data': b64('K'),
        },
      }),
      undefined,
      [
        `${CONFIG}: users[u].user.client-certificate: client-certificate-data and client-certificate are both set (kubectl refuses this too); keep one`,
      ],
    ],
    [
      'a token and basic auth',
      aSingleKubeconfig({ user: { username: 'a', password: 'b' } }),
      undefined,
      [
        `${CONFIG}: users[u].user.token: more than one authentication method (token and username/password): only one is allowed`,
      ],
    ],
    [
      'the legacy gcp auth-provider',
      aSingleKubeconfig({
        user: { token: undefined, 'auth-provider': { name: 'gcp', config: {} } },
      }),
      undefined,
      [
        `${CONFIG}: users[u].user.auth-provider: auth-provider "gcp" is not supported: use an exec plugin (e.g. gke-gcloud-auth-plugin)`,
      ],
    ],
    [
      'the legacy oidc auth-provider',
      aSingleKubeconfig({ user: { token: undefined, 'auth-provider': { name: 'oidc' } } }),
      undefined,
      [
        `${CONFIG}: users[u].user.auth-provider: auth-provider "oidc" is not supported: use an exec plugin (e.g. kubelogin)`,
      ],
    ],
    [
      'impersonation',
      aSingleKubeconfig({ user: { as: 'admin' } }),
      undefined,
      [
        `${CONFIG}: users[u].user.as: impersonation is not supported: use a user that has the rights itself`,
      ],
    ],
    [
      'an exec plugin of v1 without interactiveMode, and one without a command',
      aSingleKubeconfig({
        user: { token: undefined, exec: { apiVersion: 'client.authentication.k8s.io/v1' } },
      }),
      undefined,
      [
        `${CONFIG}: users[u].user.exec.command: missing`,
        `${CONFIG}: users[u].user.exec.interactiveMode: missing: client.authentication.k8s.io/v1 requires one of Never, IfAvailable, Always`,
      ],
    ],
    [
      'a removed exec apiVersion',
      aSingleKubeconfig({
        user: {
          token: undefined,
          exec: { apiVersion: 'client.authentication.k8s.io/v1alpha1', command: 'p' },
        },
      }),
      undefined,
      [
        `${CONFIG}: users[u].user.exec.apiVersion: client.authentication.k8s.io/v1alpha1 is not supported: use client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1`,
      ],
    ],
    [
      'a wrongly typed field',
      aSingleKubeconfig({ cluster: { 'insecure-skip-tls-verify': 'yes' } }),
      undefined,
      [`${CONFIG}: clusters[c].cluster.insecure-skip-tls-verify: expected true or false`],
    ],
  ])('%s', (_name, text, context, problems) => {
    expect(resolveDocs([[CONFIG, text]], context)).toEqual({ problems });
  });

  it.each([
    ['not YAML', 'clusters: [', /^\/k: not valid YAML: /],
    ['not a mapping', '- a\n- b', /^\/k: expected a mapping/],
    [
      'an entry without a name',
      'clusters:\n- cluster: {server: "https://x"}',
      /^\/k: clusters\[0\]\.name: expected a non-empty string$/,
    ],
    ['a section that is not a list', 'users: {}', /^\/k: users: expected a list$/],
  ])('a document that is %s', (_name, text, message) => {
    const { problems } = parseKubeconfig(text, '/k');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('an empty file is an empty kubeconfig', () => {
    expect(parseKubeconfig('', '/k')).toEqual({
      file: { path: '/k', clusters: [], contexts: [], users: [] },
      problems: [],
    });
  });
});
