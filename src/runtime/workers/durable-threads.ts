import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServiceContext } from '../../providers/notifications/index.js';

type Threads = ServiceContext['threads'];

/** The part of `DurableObjectStorage` the threads use (a Map-backed fake in Node tests). */
export interface ThreadStorage {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  list<T>(options: { prefix: string }): Promise<Map<string, T>>;
  delete(keys: string[]): Promise<number>;
}

/** Storage keys of threads, beside the object's `hint` and `failures`. */
export const THREAD_PREFIX = 'thread:';

/** Threads kept per object: a Rollout has one or two live grouping keys per service and channel. */
export const THREAD_LIMIT = 32;

interface StoredThread {
  value: string;
  /** When it was stored: the oldest go first past the limit. */
  at: number;
}

/**
 * The storage of the Durable Object whose reconcile is running. A send the notifier starts inside
 * `withThreadStorage` (and its retries, after the alarm has returned) inherits it through promise
 * continuations and timers, so the outbox, built once per isolate, needs no per-object wiring.
 */
const running = new AsyncLocalStorage<ThreadStorage>();

/** Runs `work` (a Durable Object's reconcile) so that the threads it touches live in `storage`. */
export function withThreadStorage<T>(storage: ThreadStorage, work: () => Promise<T>): Promise<T> {
  return running.run(storage, work);
}

/**
 * Slack threads (ServiceContext.threads) in the storage of the Rollout's own Durable Object: they
 * survive isolate restarts and go with the object when the Rollout is deleted (`deleteAll`).
 * Outside a Durable Object's reconcile (none sends today) they fall back to `fallback`.
 */
export function durableThreads(fallback: Threads, now: () => number): Threads {
  return {
    async get(key) {
      const storage = running.getStore();
      if (!storage) return fallback.get(key);
      return (await storage.get<StoredThread>(THREAD_PREFIX + key))?.value;
    },
    async set(key, value) {
      const storage = running.getStore();
      if (!storage) return fallback.set(key, value);
      await storage.put<StoredThread>(THREAD_PREFIX + key, { value, at: now() });
      await pruneThreads(storage);
    },
  };
}

/** Past THREAD_LIMIT, forgets the oldest threads (a new message then starts a new thread). */
async function pruneThreads(storage: ThreadStorage): Promise<void> {
  const stored = await storage.list<StoredThread>({ prefix: THREAD_PREFIX });
  if (stored.size <= THREAD_LIMIT) return;
  const oldest = [...stored]
    .sort(([, a], [, b]) => a.at - b.at)
    .slice(0, stored.size - THREAD_LIMIT)
    .map(([key]) => key);
  await storage.delete(oldest);
}
