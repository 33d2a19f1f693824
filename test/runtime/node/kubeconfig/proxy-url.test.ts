import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectKube, loadKubeconfig } from '../../../../src/runtime/node/kubeconfig/index.js';
import { aSingleKubeconfig } from './builders.js';
import { type EchoServer, startEchoServer, tlsFixture } from './echo-server.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-proxy-'));
const tunnels: string[] = [];
let proxy: Server;
let proxyUrl = '';
let api: EchoServer;

beforeAll(async () => {
  api = await startEchoServer('ca');
  // An HTTP proxy that only tunnels (CONNECT), as corporate proxies in front of API servers do.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, socket, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await Promise.all([api.close(), new Promise<void>((r) => proxy.close(() => r()))]);
  rmSync(dir, { recursive: true, force: true });
});

it('proxy-url: requests tunnel through the proxy and still verify the cluster CA', async () => {
  const file = join(dir, 'config');
  writeFileSync(
    file,
    aSingleKubeconfig({
      cluster: {
        server: api.url,
        'certificate-authority-data': tlsFixture('ca.crt').toString('base64'),
        'proxy-url': proxyUrl,
      },
    }),
  );
  const res = await connectKube(loadKubeconfig(file)).fetch('/version');
  expect(await res.json()).toMatchObject({ authorization: 'Bearer abc' });
  expect(tunnels).toEqual([new URL(api.url).host]);
});
