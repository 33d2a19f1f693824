import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { describeOnBothBackends, type WatchEvent } from './api-backends.js';

/**
 * BOOKMARK events of a watch with allowWatchBookmarks, as a 1.37 API server sends them: one
 * annotated `k8s.io/initial-events-end` after the initial ADDED events, then periodic ones (every
 * minute there, too long for a test) and one about 2 s before a timeoutSeconds deadline, carrying
 * only kind, apiVersion and the newest resourceVersion once the resource has moved on.
 *
 * A real server may send one more early: until its once-a-second bookmark timer confirms the
 * watch's starting version, the watcher is due a bookmark on every tick, and a tick that finds the
 * version already moved (by our write, or any ConfigMap change or progress notification in the
 * cluster) goes out. So one plain bookmark before the deadline window is allowed, never more.
 */

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

describeOnBothBackends('watch bookmarks', (api) => {
  it('ends the initial events with a bookmark and sends one shortly before timeoutSeconds', async () => {
    await api().req('POST', '/api/v1/namespaces/default/configmaps', configMap('bm-initial'));
    const started = Date.now();
    const arrived: number[] = [];
    const watching = api().watch(
      '/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&timeoutSeconds=10',
      (events) => {
        while (arrived.length < events.length) arrived.push(Date.now() - started);
        return false;
      },
      40_000,
    );
    await sleep(1_000);
    // A change to the watched resource elsewhere: this watch sees no event, only the version move.
    const elsewhere = await api().req(
      'POST',
      '/api/v1/namespaces/kube-system/configmaps',
      configMap(`bm-elsewhere-${Date.now()}`),
    );
    expect(elsewhere.status).toBe(201);
    const events: WatchEvent[] = await watching;
    const ended = Date.now() - started;

    const initialEnd = events.findIndex((e) => e.type === 'BOOKMARK');
    expect(events.slice(0, initialEnd).every((e) => e.type === 'ADDED')).toBe(true);
    expect(events.slice(0, initialEnd).map((e) => e.object.metadata.name)).toContain('bm-initial');
    expect(events[initialEnd]!.object).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: {
        resourceVersion: expect.stringMatching(/^\d+$/),
        annotations: { 'k8s.io/initial-events-end': 'true' },
      },
    });

    const later = events
      .slice(initialEnd + 1)
      .map((e, i) => ({ e, at: arrived[initialEnd + 1 + i]! }));
    for (const { e } of later) {
      expect(e.type).toBe('BOOKMARK');
      expect(e.object).toEqual({
        kind: 'ConfigMap',
        apiVersion: 'v1',
        metadata: { resourceVersion: expect.stringMatching(/^\d+$/) },
      });
    }
    // Near the deadline (about 8 s in; 6 s is generous for a loaded machine), with the moved version.
    const nearDeadline = later.filter(({ at }) => at >= 6_000);
    expect(nearDeadline.length).toBeGreaterThanOrEqual(1);
    for (const { e } of nearDeadline) {
      expect(Number(e.object.metadata.resourceVersion)).toBeGreaterThanOrEqual(
        Number(elsewhere.body.metadata.resourceVersion),
      );
    }
    expect(later.length - nearDeadline.length).toBeLessThanOrEqual(1);
    expect(ended).toBeGreaterThanOrEqual(9_000);
  }, 60_000);

  it('sends no bookmark at all without allowWatchBookmarks', async () => {
    const watching = api().watch(
      '/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=5',
      () => false,
      30_000,
    );
    await sleep(1_000);
    await api().req(
      'POST',
      '/api/v1/namespaces/kube-system/configmaps',
      configMap(`bm-none-${Date.now()}`),
    );
    const events = await watching;
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === 'BOOKMARK')).toEqual([]);
  }, 60_000);
});
