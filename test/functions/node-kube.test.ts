import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWithKubeconfig } from '../../src/runtime/node/kube-connection.js';

const tls = (f: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/tls', f));
const b64 = (f: string) => tls(f).toString('base64');

// A cluster with a private CA that requires client certificates, as kind/minikube/kubeadm do.
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer(
    {
      key: tls('server.key'),
      cert: tls('server.crt'),
      ca: tls('ca.crt'),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          gitVersion: 'v1.32.0',
          user: peer.subject?.CN,
          auth: req.headers.authorization ?? null,
        }),
      );
    },
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function kubeconfig(user: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kc-'));
  const file = join(dir, 'config');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: c',
      '  cluster:',
      `    server: ${url}`,
      `    certificate-authority-data: ${b64('ca.crt')}`,
      'contexts:',
      '- name: c',
      '  context: {cluster: c, user: u}',
      'current-context: c',
      'users:',
      '- name: u',
      '  user:',
      user,
    ].join('\n'),
  );
  return file;
}

describe('connectWithKubeconfig (Node runtime, real clusters)', () => {
  it('verifies the cluster CA and presents the client certificate', async () => {
    const conn = connectWithKubeconfig(
      kubeconfig(
        `    client-certificate-data: ${b64('client.crt')}\n    client-key-data: ${b64('client.key')}`,
      ),
    );
    const res = await conn.fetch('/version');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ gitVersion: 'v1.32.0', user: 'rollouts-test' });
  });

  it('fails without a client certificate the server requires', async () => {
    const conn = connectWithKubeconfig(kubeconfig('    token: abc'));
    await expect(conn.fetch('/version')).rejects.toThrow();
  });
});
