import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, portPool } from '../../functions/real-cluster/processes.js';

describe('freePort', () => {
  it('hands out distinct bindable ports from below the ephemeral range, never the same twice', async () => {
    const [low, high] = await portPool();
    expect(low).toBe(20_000);
    expect(high).toBeGreaterThan(low);
    const ports: number[] = [];
    for (let i = 0; i < 200; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(200);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(low);
      expect(port).toBeLessThan(high);
    }
    // Each is free to bind now (what a component does a moment later).
    const server = createServer();
    await new Promise<void>((done) => server.listen(ports[0], '127.0.0.1', done));
    await new Promise((done) => server.close(done));
  });
});
