import { describe, expect, it } from 'vitest';
import { type KubeConnection, waitForKubeApi } from '../../src/runtime/node/kube-connection.js';

/** A connection whose answers are scripted, one per attempt. */
function scripted(answers: Array<() => Response>): KubeConnection {
  let calls = 0;
  return {
    server: 'https://kube.test:6443',
    context: 'test',
    fetch: () =>
      Promise.resolve().then(
        answers[Math.min(calls++, answers.length - 1)] ??
          (() => new Response(null, { status: 200 })),
      ),
  };
}

const refused = () => {
  throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:6443') });
};

describe('start-up against a cluster', () => {
  it('waits for the API server, saying why, until it answers; then reports the answer', async () => {
    const lines: string[] = [];
    const waits: number[] = [];
    const conn = scripted([
      refused,
      () => new Response('busy', { status: 503 }),
      () => new Response('{}', { status: 404 }),
    ]);
    const status = await waitForKubeApi(conn, {
      log: (l) => lines.push(l),
      random: () => 0,
      sleep: (ms) => Promise.resolve(void waits.push(ms)),
    });
    expect(status).toBe(404);
    expect(lines).toEqual([
      'waiting for the Kubernetes API at https://kube.test:6443 (attempt 1): connect ECONNREFUSED 127.0.0.1:6443',
      'waiting for the Kubernetes API at https://kube.test:6443 (attempt 2): answered 503',
    ]);
    expect(waits).toEqual([125, 250]);
  });

  it('does not wait when the first answer comes', async () => {
    const lines: string[] = [];
    expect(
      await waitForKubeApi(scripted([() => new Response('{}', { status: 200 })]), {
        log: (l) => lines.push(l),
      }),
    ).toBe(200);
    expect(lines).toEqual([]);
  });
});
