import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { memoryThreads } from '../../../src/controller/notifications/index.js';
import {
  durableThreads,
  THREAD_LIMIT,
  THREAD_PREFIX,
  type ThreadStorage,
  withThreadStorage,
} from '../../../src/runtime/workers/durable-threads.js';

/** A Durable Object's storage as far as the threads use it, over a Map (values cloned as DO storage does). */
function aStorage(): ThreadStorage & { entries: Map<string, unknown> } {
  const entries = new Map<string, unknown>();
  return {
    entries,
    get: <T>(key: string) => Promise.resolve(structuredClone(entries.get(key)) as T | undefined),
    put: (key, value) => Promise.resolve(void entries.set(key, structuredClone(value))),
    list: <T>({ prefix }: { prefix: string }) =>
      Promise.resolve(
        new Map([...entries].filter(([k]) => k.startsWith(prefix))) as Map<string, T>,
      ),
    delete: (keys) => Promise.resolve(keys.filter((k) => entries.delete(k)).length),
  };
}

const thread = (ts: string) => JSON.stringify({ channel: 'C0DEPLOYS', ts });

describe('durableThreads', () => {
  it('keeps each object’s threads in its own storage, also for work that goes on after a timer', async () => {
    let clock = 1_000;
    const threads = durableThreads(memoryThreads(), () => clock++);
    const [web, api] = [aStorage(), aStorage()];
    await Promise.all([
      withThreadStorage(web, async () => {
        await sleep(5);
        await threads.set('slack/slack/deploys/rev-2', thread('1.000100'));
      }),
      withThreadStorage(api, () => threads.set('slack/slack/deploys/rev-2', thread('2.000200'))),
    ]);
    expect(web.entries.get(`${THREAD_PREFIX}slack/slack/deploys/rev-2`)).toMatchObject({
      value: thread('1.000100'),
    });
    expect(await withThreadStorage(api, () => threads.get('slack/slack/deploys/rev-2'))).toBe(
      thread('2.000200'),
    );
    // Outside any object's reconcile the isolate's memory answers, and it never saw these.
    expect(await threads.get('slack/slack/deploys/rev-2')).toBeUndefined();
  });

  it('uses the fallback outside a Durable Object', async () => {
    const web = aStorage();
    const threads = durableThreads(memoryThreads(), () => 0);
    await threads.set('k', thread('3.000300'));
    expect(await threads.get('k')).toBe(thread('3.000300'));
    expect(await withThreadStorage(web, () => threads.get('k'))).toBeUndefined();
    expect(web.entries.size).toBe(0);
  });

  it(`forgets the oldest threads past ${THREAD_LIMIT} and leaves other keys alone`, async () => {
    let clock = 0;
    const threads = durableThreads(memoryThreads(), () => clock++);
    const storage = aStorage();
    await storage.put('hint', { kind: 'Rollout', namespace: 'shop', name: 'web' });
    await withThreadStorage(storage, async () => {
      for (let i = 0; i < THREAD_LIMIT + 3; i++) await threads.set(`k${i}`, thread(`${i}.0`));
    });
    const kept = [...storage.entries.keys()].filter((k) => k.startsWith(THREAD_PREFIX));
    expect(kept).toHaveLength(THREAD_LIMIT);
    expect(kept).not.toContain(`${THREAD_PREFIX}k2`);
    expect(kept).toContain(`${THREAD_PREFIX}k3`);
    expect(storage.entries.has('hint')).toBe(true);
    expect(await withThreadStorage(storage, () => threads.get('k0'))).toBeUndefined();
  });
});
