import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  planNextBookmark,
  shouldSendBookmark,
} from '../../src/devcluster/server/bookmark-schedule.js';
import { type Harness, startHarness } from './harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- watch events carry arbitrary JSON
type Json = any;

describe('planNextBookmark', () => {
  it.each([
    ['a minute on a long watch', 0, 1_800_000, 60_000, 60_000],
    ['2 s before a deadline inside the minute', 0, 10_000, 60_000, 8_000],
    ['none once that moment has passed', 8_000, 10_000, 60_000, undefined],
    ['none on a watch shorter than 2 s', 0, 1_500, 60_000, undefined],
  ])('%s', (_, now, deadline, interval, want) => {
    expect(planNextBookmark(now, deadline, interval)).toBe(want);
  });

  it('sends one only when the cluster moved past the watch’s start', () => {
    expect(shouldSendBookmark(10, 10)).toBe(false);
    expect(shouldSendBookmark(10, 11)).toBe(true);
  });
});

/** The injected interval: what the real minute does, in a fraction of a second. */
describe('periodic watch bookmarks (devcluster, 300 ms interval)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ watchBookmarkIntervalMs: 300 });
  });
  afterAll(() => h.close());

  async function watchFor(
    query: string,
    ms: number,
  ): Promise<Array<{ type: string; object: Json }>> {
    const abort = new AbortController();
    const res = await fetch(`${h.url}/api/v1/namespaces/default/configmaps?watch=true&${query}`, {
      signal: abort.signal,
    });
    let text = '';
    const decoder = new TextDecoder();
    const reading = (async () => {
      const reader = res.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
      }
    })().catch(() => undefined); // the abort below ends the read
    await new Promise((r) => setTimeout(r, 100));
    await h.req('POST', '/api/v1/namespaces/kube-system/configmaps', {
      metadata: { name: `tick-${Date.now()}` },
    });
    await new Promise((r) => setTimeout(r, ms));
    abort.abort();
    await reading;
    return text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { type: string; object: Json });
  }

  it('sends a bookmark every interval once the version moved, with the newest resourceVersion', async () => {
    const events = await watchFor('allowWatchBookmarks=true&timeoutSeconds=30', 2_000);
    const periodic = events.filter((e) => e.type === 'BOOKMARK' && !e.object.metadata.annotations);
    expect(periodic.length).toBeGreaterThanOrEqual(2);
    expect(periodic[0]!.object.metadata.resourceVersion).toBe(
      String(h.cluster.api.store.currentRevision),
    );
  });

  it('sends none without allowWatchBookmarks', async () => {
    const events = await watchFor('timeoutSeconds=30', 1_000);
    expect(events.filter((e) => e.type === 'BOOKMARK')).toEqual([]);
  });
});
