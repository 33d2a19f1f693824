import type { FetchLike } from '../../src/adapters/kube/index.js';

/**
 * A gap in a client's watches, opened and closed by the test: `cut` breaks every live watch stream
 * and holds new watch requests until `resume`; lists and writes pass untouched. What a network
 * partition or a long pause of the process looks like to the watching client.
 */
export interface WatchGate {
  /** Wraps the client's fetch (`kubeClientFor(conn, gate.wrap)`). */
  wrap(inner: FetchLike): FetchLike;
  cut(): void;
  resume(): void;
}

export function createWatchGate(): WatchGate {
  const live = new Set<AbortController>();
  let closed: { opened: Promise<void>; open: () => void } | undefined;
  return {
    wrap: (inner) => async (url, init) => {
      if (!isWatch(url)) return inner(url, init);
      while (closed) await untilOpenOrAborted(closed.opened, init.signal);
      const cut = new AbortController();
      live.add(cut);
      const signal = init.signal ? AbortSignal.any([init.signal, cut.signal]) : cut.signal;
      signal.addEventListener('abort', () => live.delete(cut), { once: true });
      return inner(url, { ...init, signal });
    },
    cut() {
      if (!closed) {
        let open = () => undefined as void;
        const opened = new Promise<void>((resolve) => (open = resolve));
        closed = { opened, open };
      }
      for (const c of live) c.abort(new Error('watch cut by the test'));
      live.clear();
    },
    resume() {
      const was = closed;
      closed = undefined;
      was?.open();
    },
  };
}

function isWatch(url: string): boolean {
  return new URL(url, 'http://x').searchParams.get('watch') === 'true';
}

/** Waits for the gate to open; a caller that gives up meanwhile (the relay stopping) is let go. */
async function untilOpenOrAborted(opened: Promise<void>, signal?: AbortSignal | null) {
  if (!signal) return opened;
  signal.throwIfAborted();
  let onAbort = () => undefined as void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([opened, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
