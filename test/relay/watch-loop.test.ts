import { describe, expect, it } from 'vitest';
import { KubeApiError, type KubeClient } from '../../src/adapters/kube/index.js';
import { RelayStats, runWatchLoop } from '../../src/relay/index.js';

/** A kube client whose watch is refused once, then waits for the stop signal. */
function refusingOnce(refusal: KubeApiError) {
  const watchesAt: number[] = [];
  const kube = {
    list: async () => ({ items: [], resourceVersion: '1', metadata: {} }),
    watch: async (_path: string, _opts: unknown, _onEvent: unknown, signal: AbortSignal) => {
      watchesAt.push(performance.now());
      if (watchesAt.length === 1) throw refusal;
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return { resourceVersion: '1', expired: false };
    },
  } as unknown as KubeClient;
  return { kube, watchesAt };
}

async function watchUntilSecond(refusal: KubeApiError): Promise<number> {
  const { kube, watchesAt } = refusingOnce(refusal);
  const ac = new AbortController();
  const loop = runWatchLoop({
    kube,
    path: '/api/v1/configmaps',
    timeoutSeconds: 60,
    emit: () => undefined,
    backoff: () => 10,
    log: () => undefined,
    signal: ac.signal,
    stats: new RelayStats(),
  });
  const deadline = performance.now() + 10_000;
  while (watchesAt.length < 2 && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  ac.abort();
  await loop;
  const [first = 0, second = Infinity] = watchesAt;
  return second - first;
}

describe('runWatchLoop after a refused watch', () => {
  it('waits the Retry-After the server named (429), not its own shorter backoff', async () => {
    const waited = await watchUntilSecond(
      new KubeApiError({ status: 429, message: 'Too many requests', retryAfterMs: 1500 }),
    );
    expect(waited).toBeGreaterThanOrEqual(1495);
  });

  it('waits its own backoff when the server named no wait', async () => {
    const waited = await watchUntilSecond(new KubeApiError({ status: 500, message: 'boom' }));
    // Its own backoff is 10 ms; the margin is for a loaded machine.
    expect(waited).toBeLessThan(1000);
  });
});
