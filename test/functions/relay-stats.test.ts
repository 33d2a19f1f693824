import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RelayStats, serveRelayStats } from '../../functions/relay-stats.js';

describe('relay /healthz and /metrics', () => {
  it('serves its counters in the Prometheus text format', async () => {
    const stats = new RelayStats();
    stats.eventsSeen = 7;
    stats.eventsDelivered = 5;
    stats.queueDepth = 2;
    const server = await serveRelayStats(stats, 0, '127.0.0.1');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain(
        '# TYPE relay_events_delivered_total counter\nrelay_events_delivered_total 5\n',
      );
      expect(text).toContain('relay_events_seen_total 7\n');
      expect(text).toContain('# TYPE relay_queue_depth gauge\nrelay_queue_depth 2\n');
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
