import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, NS, startHarness } from './harness.js';

// The devcluster must hold 10,000+ objects and keep answering; timing lives in `npm run bench`.
const COUNT = 12_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ simulate: false });
  const def = h.cluster.api.resource('', 'v1', 'configmaps');
  for (let i = 0; i < COUNT; i++) {
    h.cluster.api.create(def, 'default', {
      metadata: {
        name: `cm-${i}`,
        labels: { shard: `s${i % 100}`, parity: i % 2 ? 'odd' : 'even' },
      },
      data: { i: String(i) },
    });
  }
});
afterAll(() => h.close());

describe(`${COUNT} objects`, () => {
  it('lists by indexed label equality with exact results', async () => {
    const res = await h.req(
      'GET',
      `${NS}/configmaps?labelSelector=${encodeURIComponent('shard=s42,parity=even')}`,
    );
    const names = res.body.items.map((i: { metadata: { name: string } }) => i.metadata.name);
    const expected = Array.from({ length: COUNT }, (_, i) => i)
      .filter((i) => i % 100 === 42 && i % 2 === 0)
      .map((i) => `cm-${i}`)
      .sort();
    expect(names).toEqual(expected);
  });

  it('lists set-based selectors and pages through everything', async () => {
    const notIn = await h.req(
      'GET',
      `${NS}/configmaps?labelSelector=${encodeURIComponent('shard notin (s1,s2),parity=odd')}`,
    );
    // s1 holds only odd indexes and s2 only even ones, so the odd set loses exactly s1.
    expect(notIn.body.items).toHaveLength(COUNT / 2 - COUNT / 100);
    let seen = 0;
    let token = '';
    do {
      const page = await h.req(
        'GET',
        `${NS}/configmaps?limit=5000${token ? `&continue=${token}` : ''}`,
      );
      seen += page.body.items.length;
      token = page.body.metadata.continue ?? '';
    } while (token);
    expect(seen).toBe(COUNT);
  });

  it('still streams watch events from a recent resourceVersion', async () => {
    const rv = h.cluster.api.store.currentRevision;
    await h.req(
      'PATCH',
      `${NS}/configmaps/cm-7`,
      { data: { i: 'changed' } },
      'application/merge-patch+json',
    );
    const res = await fetch(
      `${h.url}${NS}/configmaps?watch=true&resourceVersion=${rv}&timeoutSeconds=1`,
    );
    const events = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: { data: { i: string } } });
    expect(events).toEqual([
      { type: 'MODIFIED', object: expect.objectContaining({ data: { i: 'changed' } }) },
    ]);
  });
});
