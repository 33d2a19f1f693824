import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { connectFleet } from '../../../src/runtime/node/fleet-connections.js';
import { readFleetEnv } from '../../../src/runtime/node/read-node-env.js';
import { tlsFixture } from './kubeconfig/echo-server.js';

/**
 * FLEET_CONFIG's clusters on Node (issue 21 §1): each secret comes from the environment variable
 * it names, and the connection is the kubeconfig code's TLS client, so a private CA, a client
 * certificate, a bearer token and extra headers reach a real TLS API server stand-in (the test CA
 * of test/fixtures/tls).
 */
interface Seen {
  authorization: string | null;
  accessId: string | null;
  /** The client certificate's CN, when one was presented. */
  user: string | null;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function apiServer(tls: 'none' | 'ca' | 'client-cert'): Promise<string> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const peer = tls === 'none' ? undefined : (req.socket as TLSSocket).getPeerCertificate();
    const seen: Seen = {
      authorization: req.headers.authorization ?? null,
      accessId: (req.headers['cf-access-client-id'] as string | undefined) ?? null,
      user: (peer?.subject?.CN as string | undefined) ?? null,
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(seen));
  };
  const server =
    tls === 'none'
      ? createHttpServer(handler)
      : createHttpsServer(
          {
            key: tlsFixture('server.key'),
            cert: tlsFixture('server.crt'),
            ca: tlsFixture('ca.crt'),
            requestCert: tls === 'client-cert',
            rejectUnauthorized: tls === 'client-cert',
          },
          handler,
        );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return `${tls === 'none' ? 'http' : 'https'}://127.0.0.1:${port}`;
}

const PEM = {
  ca: tlsFixture('ca.crt').toString(),
  cert: tlsFixture('client.crt').toString(),
  key: tlsFixture('client.key').toString(),
  otherKey: tlsFixture('server.key').toString(),
};

/** FLEET_CONFIG (JSON is YAML) for one cluster `c`, plus the variables it names. */
function fleetEnv(cluster: Record<string, unknown>, vars: Record<string, string>) {
  return {
    FLEET_CONFIG: JSON.stringify({ clusters: [{ name: 'c', ...cluster }] }),
    ...vars,
  };
}

async function connectAndAsk(env: Record<string, string>): Promise<Seen> {
  const { fleet, problems } = readFleetEnv(env);
  expect(problems).toEqual([]);
  const built = connectFleet(fleet?.clusters ?? []);
  expect(built.problems).toEqual([]);
  const kube = built.connections[0]?.kube;
  const res = await kube?.fetch('/version');
  expect(res?.status).toBe(200);
  return (await res?.json()) as Seen;
}

describe('FLEET_CONFIG clusters on Node', () => {
  it('a bearer token from the variable it names, over TLS with the CA from caData', async () => {
    const server = await apiServer('ca');
    const seen = await connectAndAsk(
      fleetEnv(
        { server, token: { env: 'C_TOKEN' }, caData: { env: 'C_CA' } },
        { C_TOKEN: 'token-of-c', C_CA: PEM.ca },
      ),
    );
    expect(seen).toMatchObject({ authorization: 'Bearer token-of-c', user: null });
  });

  it('a client certificate and key, a CA given on one line with \\n escapes', async () => {
    const server = await apiServer('client-cert');
    const seen = await connectAndAsk(
      fleetEnv(
        {
          server,
          clientCertificate: { env: 'C_CERT' },
          clientKey: { env: 'C_KEY' },
          caData: { env: 'C_CA' },
        },
        { C_CERT: PEM.cert, C_KEY: PEM.key, C_CA: PEM.ca.replace(/\n/g, '\\n') },
      ),
    );
    expect(seen).toMatchObject({ user: 'rollouts-test', authorization: null });
  });

  it('headers (Cloudflare Access service token) ride on every request', async () => {
    const server = await apiServer('none');
    const seen = await connectAndAsk(
      fleetEnv(
        {
          server,
          headers: {
            'CF-Access-Client-Id': { env: 'ACCESS_ID' },
            'CF-Access-Client-Secret': { env: 'ACCESS_SECRET' },
          },
        },
        { ACCESS_ID: 'id-1', ACCESS_SECRET: 'secret-1' },
      ),
    );
    expect(seen).toMatchObject({ accessId: 'id-1', authorization: null });
  });

  it('without caData a private CA is not trusted: the request fails rather than skipping verification', async () => {
    const server = await apiServer('ca');
    const { fleet } = readFleetEnv(fleetEnv({ server, token: { env: 'T' } }, { T: 't' }));
    const kube = connectFleet(fleet?.clusters ?? []).connections[0]?.kube;
    await expect(kube?.fetch('/version')).rejects.toThrow(/fetch failed/);
  });
});

describe('FLEET_CONFIG problems on Node, named but never echoed', () => {
  it('each variable a reference names that is unset or empty', () => {
    const { fleet, problems } = readFleetEnv({
      FLEET_CONFIG: JSON.stringify({
        clusters: [
          { name: 'a', server: 'https://a.example', token: { env: 'A_TOKEN' } },
          {
            name: 'b',
            server: 'https://b.example',
            clientCertificate: { env: 'B_CERT' },
            clientKey: { env: 'B_KEY' },
          },
        ],
      }),
      B_CERT: '   ',
      B_KEY: 'set',
    });
    expect(fleet).toBeUndefined();
    expect(problems).toEqual([
      'FLEET_CONFIG cluster "a": token names A_TOKEN, which is not set (or empty)',
      'FLEET_CONFIG cluster "b": clientCertificate names B_CERT, which is not set (or empty)',
    ]);
  });

  it.each([
    [
      'a CA that is not PEM',
      { caData: { env: 'CA' }, token: { env: 'T' } },
      { CA: 'not-a-pem-ca', T: 'token-value-c' },
      /"c": caData must be PEM certificates/,
    ],
    [
      'a key that is not the certificate’s',
      { clientCertificate: { env: 'CERT' }, clientKey: { env: 'KEY' } },
      { CERT: PEM.cert, KEY: PEM.otherKey },
      /"c": clientCertificate\/clientKey cannot be used/,
    ],
  ])('%s is a start-up problem', (_what, cluster, vars, message) => {
    const { fleet } = readFleetEnv(fleetEnv({ server: 'https://c.example', ...cluster }, vars));
    const built = connectFleet(fleet?.clusters ?? []);
    expect(built.connections).toEqual([]);
    expect(built.problems).toHaveLength(1);
    expect(built.problems[0]).toMatch(message);
    for (const value of Object.values(vars)) expect(built.problems[0]).not.toContain(value);
  });

  it('FLEET_POLL: a positive duration, and only with FLEET_CONFIG', () => {
    const env = fleetEnv({ server: 'https://c.example', token: { env: 'T' } }, { T: 't' });
    expect(readFleetEnv({ ...env, FLEET_POLL: '3s' }).fleet?.pollMs).toBe(3000);
    expect(readFleetEnv(env).fleet?.pollMs).toBe(10_000);
    expect(readFleetEnv({ ...env, FLEET_POLL: '0s' }).problems).toEqual([
      'FLEET_POLL must be a positive duration such as 30m or 2h',
    ]);
    expect(readFleetEnv({ FLEET_POLL: '3s' }).problems).toEqual([
      'FLEET_POLL is set without FLEET_CONFIG',
    ]);
  });

  it('an inline secret is refused without being repeated', () => {
    const { problems } = readFleetEnv(
      fleetEnv({ server: 'https://c.example', token: 'inline-secret-value' }, {}),
    );
    expect(problems.join('\n')).toContain('clusters[0].token must be {env: VARIABLE}');
    expect(problems.join('\n')).not.toContain('inline-secret-value');
  });
});
