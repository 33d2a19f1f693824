import type { FetchLike } from '../../src/adapters/kube/index.js';

/**
 * A fetch that sends every request, but for the first `n` whose method is `method` throws
 * (as a connection dropped mid-response would) after the server has acted: the write landed,
 * its answer was lost.
 */
export function fetchLosingAnswers(method: string, n: number): FetchLike {
  let lost = 0;
  return async (url, init) => {
    const res = await fetch(url, init);
    if (init.method !== method || lost >= n) return res;
    lost++;
    await res.arrayBuffer();
    throw new TypeError('fetch failed: socket closed mid-response');
  };
}
