import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryThreads, NotificationOutbox } from '../../../src/controller/notifications/index.js';
import type { OutboxItem } from '../../../src/controller/notifications/outbox.js';
import { aDelivery } from '../../providers/notifications/support/delivery.js';
import { type RecordingEndpoint, startRecordingEndpoint } from './recording-endpoint.js';

describe('NotificationOutbox', () => {
  let endpoint: RecordingEndpoint;
  beforeEach(async () => (endpoint = await startRecordingEndpoint()));
  afterEach(() => endpoint.close());

  // A service's send never throws by contract (failures are outcomes); when one does anyway the
  // request may already have left, so a retry could deliver the notification a second time.
  it('does not retry a send that threw after its request reached the endpoint', async () => {
    const logged: string[] = [];
    const outbox = new NotificationOutbox({
      timers: {
        now: () => Date.now(),
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      },
      startedAt: Date.now(),
      policy: { baseDelayMs: 1, maxAttempts: 4 },
      context: { fetch: (input, init) => fetch(input, init), threads: memoryThreads() },
      log: (line) => logged.push(line),
    });
    const item: OutboxItem = {
      delivery: aDelivery({ at: Date.now() }),
      async send(ctx) {
        await ctx.fetch(`${endpoint.url}/paused`, { method: 'POST', body: 'checkout paused' });
        throw new Error('storage unavailable');
      },
      labels: { namespace: 'shop', name: 'checkout', type: 'Normal', reason: 'RolloutPaused' },
      redact: (text) => text,
    };
    outbox.enqueue(item);
    await outbox.settled();
    expect(endpoint.received.map((r) => r.path)).toEqual(['/paused']);
    expect(logged.join('\n')).toMatch(/not sent: .*storage unavailable/);
  });
});
