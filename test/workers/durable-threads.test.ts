import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { memoryThreads } from '../../src/controller/notifications/index.js';
import {
  durableThreads,
  THREAD_PREFIX,
  withThreadStorage,
} from '../../src/runtime/workers/durable-threads.js';

// Inside workerd: AsyncLocalStorage (nodejs_compat) carries a Durable Object's storage to work
// that goes on after a timer, as an outbox retry does after the alarm has returned.
describe('Slack threads in a Durable Object', () => {
  it('are stored in the object that ran the work, after a timer too', async () => {
    const threads = durableThreads(memoryThreads(), () => 1_000);
    const stub = env.RECONCILER.get(env.RECONCILER.idFromName('Rollout/shop/threads'));
    const stored = await runInDurableObject(stub, async (_object, state) => {
      await withThreadStorage(state.storage, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await threads.set('slack/slack/deploys/rev-2', '{"channel":"C0","ts":"1.000100"}');
      });
      const value = await state.storage.get(`${THREAD_PREFIX}slack/slack/deploys/rev-2`);
      await state.storage.deleteAll();
      return value;
    });
    expect(stored).toEqual({ value: '{"channel":"C0","ts":"1.000100"}', at: 1_000 });
    expect(await threads.get('slack/slack/deploys/rev-2')).toBeUndefined();
  });
});
