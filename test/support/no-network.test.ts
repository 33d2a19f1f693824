import { request } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { takeNetworkAttempts } from './no-network.js';

// The guard is the node project's setup file; these tests make refused attempts on purpose and forget them.
afterEach(() => void takeNetworkAttempts());

describe('no test reaches the network', () => {
  it.each([
    'https://example.com/',
    'http://10.0.0.1:9090/api/v1/query',
    'https://prometheus.test/',
  ])('fetch(%s) is refused and recorded', async (url) => {
    await expect(fetch(url)).rejects.toThrow('network access in a test');
    expect(takeNetworkAttempts()).toEqual([new URL(url).origin]);
  });

  it('a socket opened another way (node:http) is refused and recorded', async () => {
    const failed = new Promise<Error>((resolve) =>
      request('http://example.com/').on('error', resolve).end(),
    );
    expect((await failed).message).toContain('network access in a test');
    expect(takeNetworkAttempts()).toEqual(['socket to example.com']);
  });

  it('loopback is allowed, through fetch and sockets alike', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
      expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe('ok');
      expect(takeNetworkAttempts()).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
