import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectKube,
  loadKubeconfig,
  nodeCredentialDeps,
  parseExecCredential,
} from '../../../../src/runtime/node/kubeconfig/index.js';
import { aSingleKubeconfig } from './builders.js';
import { type EchoServer, startEchoServer, tlsFixture } from './echo-server.js';

const V1 = 'client.authentication.k8s.io/v1';
const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-exec-'));
const pluginPath = join(dir, 'plugin.mjs');

/**
 * A credential plugin: logs each run's KUBERNETES_EXEC_INFO, answers `token-<run>` (or the client
 * certificate in CERT/KEY with `cert`), with EXPIRES as expirationTimestamp; `fail` exits 3.
 */
const PLUGIN = `
import { appendFileSync, readFileSync } from 'node:fs';
const [log, mode] = process.argv.slice(2);
const info = JSON.parse(process.env.KUBERNETES_EXEC_INFO);
appendFileSync(log, JSON.stringify(info) + '\\n');
const runs = readFileSync(log, 'utf8').trim().split('\\n').length;
if (mode === 'fail') { console.error('token expired: run cloud login'); process.exit(3); }
const status = mode === 'cert' ? { clientCertificateData: readFileSync(process.env.CERT, 'utf8'), clientKeyData: readFileSync(process.env.KEY, 'utf8') } : { token: 'token-' + runs };
if (process.env.EXPIRES) status.expirationTimestamp = process.env.EXPIRES;
console.log(JSON.stringify({ apiVersion: info.apiVersion, kind: 'ExecCredential', status }));
`;

let plain: EchoServer;
let mtls: EchoServer;
beforeAll(async () => {
  writeFileSync(pluginPath, PLUGIN);
  writeFileSync(join(dir, 'client.crt'), tlsFixture('client.crt'));
  writeFileSync(join(dir, 'client.key'), tlsFixture('client.key'));
  [plain, mtls] = await Promise.all([startEchoServer(), startEchoServer('client-cert')]);
});
afterAll(async () => {
  await Promise.all([plain.close(), mtls.close()]);
  rmSync(dir, { recursive: true, force: true });
});

let runId = 0;
interface PluginSetup {
  mode?: 'token' | 'cert' | 'fail';
  env?: Record<string, string>;
  exec?: Record<string, unknown>;
  server?: EchoServer;
}

/** A connection whose user is the plugin; `clock.now` drives expiry; `runs()` reads the plugin's log. */
function withPlugin(o: PluginSetup = {}) {
  const log = join(dir, `runs-${++runId}.log`);
  const server = o.server ?? plain;
  const env = Object.entries(o.env ?? {}).map(([name, value]) => ({ name, value }));
  const exec = {
    apiVersion: V1,
    command: process.execPath,
    args: [pluginPath, log, o.mode ?? 'token'],
    env,
    interactiveMode: 'Never',
    provideClusterInfo: true,
    ...o.exec,
  };
  const cluster =
    server === mtls
      ? { server: server.url, 'certificate-authority': join(dir, 'ca.crt') }
      : { server: server.url };
  writeFileSync(join(dir, 'ca.crt'), tlsFixture('ca.crt'));
  const file = join(dir, `config-${runId}`);
  writeFileSync(file, aSingleKubeconfig({ cluster, user: { token: undefined, exec } }));
  const clock = { now: Date.parse('2026-12-06T12:00:00Z') };
  const conn = connectKube(loadKubeconfig(file), { ...nodeCredentialDeps(), now: () => clock.now });
  const runs = (): Array<{
    apiVersion: string;
    spec: { interactive: boolean; cluster?: { server: string } };
  }> => {
    try {
      return readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as never);
    } catch {
      return [];
    }
  };
  const seen = async (path = '/version') => {
    const res = await conn.fetch(path);
    return {
      status: res.status,
      ...((await res.json()) as { authorization: string | null; user: string | null }),
    };
  };
  return { conn, clock, runs, seen, server };
}

describe('exec credential plugins', () => {
  it('runs the plugin once, with KUBERNETES_EXEC_INFO, and keeps a token without expiry', async () => {
    const p = withPlugin();
    const answers = await Promise.all([p.seen(), p.seen()]);
    expect((await p.seen()).authorization).toBe('Bearer token-1');
    expect(answers.map((a) => a.authorization)).toEqual(['Bearer token-1', 'Bearer token-1']);
    expect(p.runs()).toEqual([
      {
        apiVersion: V1,
        kind: 'ExecCredential',
        spec: { interactive: false, cluster: { server: plain.url } },
      },
    ]);
  });

  it('keeps the credential until its expirationTimestamp, then runs the plugin again', async () => {
    const p = withPlugin({ env: { EXPIRES: '2026-12-06T12:05:00Z' } });
    expect((await p.seen()).authorization).toBe('Bearer token-1');
    p.clock.now += 5 * 60_000 - 1;
    expect((await p.seen()).authorization).toBe('Bearer token-1');
    p.clock.now += 1;
    expect((await p.seen()).authorization).toBe('Bearer token-2');
    expect(p.runs()).toHaveLength(2);
  });

  it('a 401 drops the cached credential once and retries with a fresh one', async () => {
    const p = withPlugin();
    plain.rejected.add('token-1');
    expect(await p.seen()).toMatchObject({ status: 200, authorization: 'Bearer token-2' });
    plain.rejected.add('token-2').add('token-3');
    // Rejected again: one retry, then the 401 is the answer; no loop.
    expect(await p.seen()).toMatchObject({ status: 401, authorization: 'Bearer token-3' });
    expect(p.runs()).toHaveLength(3);
  });

  it('a client certificate from the plugin is presented over TLS', async () => {
    const p = withPlugin({
      mode: 'cert',
      server: mtls,
      env: { CERT: join(dir, 'client.crt'), KEY: join(dir, 'client.key') },
    });
    expect(await p.seen()).toMatchObject({
      status: 200,
      user: 'rollouts-test',
      authorization: null,
    });
  });

  it.each([
    [
      'exits non-zero: the command and its stderr',
      { mode: 'fail' as const },
      /exec plugin ".*plugin\.mjs .* fail" exited with 3: token expired: run cloud login/,
    ],
    [
      'is not installed: the install hint',
      {
        exec: {
          command: 'no-such-auth-plugin',
          args: [],
          installHint: 'Install it with: brew install no-such-auth-plugin',
        },
      },
      /^exec plugin "no-such-auth-plugin" not found\nInstall it with: brew install no-such-auth-plugin$/,
    ],
    [
      'needs a terminal there is not',
      { exec: { interactiveMode: 'Always' } },
      /has interactiveMode Always, but stdin is not a terminal/,
    ],
  ])('a plugin that %s is named in the error', async (_name, setup, message) => {
    const p = withPlugin(setup);
    await expect(p.conn.fetch('/version')).rejects.toThrow(message);
  });

  it('a failed run is not kept: the next request runs the plugin again', async () => {
    const p = withPlugin({ mode: 'fail' });
    await expect(p.conn.fetch('/version')).rejects.toThrow(/exited with 3/);
    await expect(p.conn.fetch('/version')).rejects.toThrow(/exited with 3/);
    expect(p.runs()).toHaveLength(2);
  });
});

describe('parseExecCredential', () => {
  const cred = (status: unknown, apiVersion = V1) =>
    JSON.stringify({ apiVersion, kind: 'ExecCredential', status });
  it.each([
    [
      'a token with expiry',
      cred({ token: 't', expirationTimestamp: '2026-12-06T12:00:00Z' }),
      { token: 't', expiresAt: Date.parse('2026-12-06T12:00:00Z') },
    ],
    [
      'a client certificate',
      cred({ clientCertificateData: 'C', clientKeyData: 'K' }),
      { clientCertificate: Buffer.from('C'), clientKey: Buffer.from('K') },
    ],
    [
      'not JSON',
      'login required',
      { error: 'did not print an ExecCredential (stdout is not JSON)' },
    ],
    [
      'another apiVersion',
      cred({ token: 't' }, 'client.authentication.k8s.io/v1beta1'),
      {
        error: `answered apiVersion client.authentication.k8s.io/v1beta1, but the kubeconfig asks for ${V1}`,
      },
    ],
    ['no credential', cred({}), { error: 'answered neither a token nor a client certificate' }],
    [
      'a certificate without its key',
      cred({ clientCertificateData: 'C' }),
      { error: 'answered clientCertificateData without clientKeyData, or the reverse' },
    ],
    [
      'a bad expiry',
      cred({ token: 't', expirationTimestamp: 'tomorrow' }),
      { error: 'answered an expirationTimestamp that is not RFC 3339: tomorrow' },
    ],
  ])('%s', (_name, stdout, expected) => {
    expect(parseExecCredential(stdout, V1)).toEqual(expected);
  });
});
