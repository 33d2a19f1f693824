import { expect, it } from 'vitest';
import { describeOnBothBackends, pollUntil, type WatchEvent } from './api-backends.js';

const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const RS = '/apis/apps/v1/namespaces/default/replicasets';

const deployment = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'pace' },
  spec: {
    replicas: 4,
    selector: { matchLabels: { app: 'pace' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    template: {
      metadata: { labels: { app: 'pace' } },
      spec: { containers: [{ name: 'web', image }] },
    },
  },
});

/** Desired replicas per ReplicaSet after each watch event, in order. */
function replicaHistory(
  events: WatchEvent[],
  start: Record<string, number>,
): Array<Record<string, number>> {
  const now = { ...start };
  return events.map((e) => {
    now[e.object.metadata.name] = e.type === 'DELETED' ? 0 : (e.object.spec.replicas ?? 0);
    return { ...now };
  });
}

describeOnBothBackends('built-in controllers', (api) => {
  it('garbage-collects a dependent once its owner is deleted, and orphans it when told', async () => {
    const owner = (await api().req('POST', CM, { metadata: { name: 'gc-owner' }, data: {} })).body;
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'gc-owner', uid: owner.metadata.uid };
    await api().req('POST', CM, { metadata: { name: 'gc-child', ownerReferences: [ref] } });
    expect((await api().req('DELETE', `${CM}/gc-owner`)).status).toBe(200);
    const child = await pollUntil(
      () => api().req('GET', `${CM}/gc-child`),
      (r) => r.status === 404,
    );
    expect(child.status).toBe(404);

    const owner2 = (await api().req('POST', CM, { metadata: { name: 'gc-owner2' } })).body;
    const ref2 = { ...ref, name: 'gc-owner2', uid: owner2.metadata.uid };
    await api().req('POST', CM, { metadata: { name: 'gc-orphan', ownerReferences: [ref2] } });
    await api().req('DELETE', `${CM}/gc-owner2`, { propagationPolicy: 'Orphan' });
    // The owner waits for the orphan finalizer, which the collector removes after the dependents.
    const gone = await pollUntil(
      () => api().req('GET', `${CM}/gc-owner2`),
      (r) => r.status === 404,
    );
    expect(gone.status).toBe(404);
    const orphan = await api().req('GET', `${CM}/gc-orphan`);
    expect(orphan.status).toBe(200);
    expect(orphan.body.metadata.ownerReferences).toBeUndefined();
  });

  it('rolls a Deployment at its pace: never past replicas + maxSurge, one step at a time', async () => {
    expect((await api().req('POST', DEPLOY, deployment('nginx:1.25'))).status).toBe(201);
    const ready = await pollUntil(
      () => api().req('GET', `${DEPLOY}/pace`),
      (r) => r.body.status?.availableReplicas === 4 && r.body.status?.updatedReplicas === 4,
      60_000,
    );
    expect(ready.body.status.availableReplicas).toBe(4);
    const first = (await api().req('GET', `${RS}?labelSelector=app%3Dpace`)).body;
    expect(first.items).toHaveLength(1);
    // Zero values a real server omits are omitted: no minReadySeconds: 0.
    expect(Object.keys(first.items[0].spec).sort()).toEqual(['replicas', 'selector', 'template']);
    const oldName = first.items[0].metadata.name as string;

    const watching = api().watch(
      `${RS}?watch=true&labelSelector=app%3Dpace&resourceVersion=${first.metadata.resourceVersion as string}`,
      (events) => {
        const last = replicaHistory(events, { [oldName]: 4 }).at(-1) ?? {};
        return last[oldName] === 0 && Object.values(last).includes(4);
      },
      90_000,
    );
    await api().req(
      'PATCH',
      `${DEPLOY}/pace`,
      { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } },
      'application/strategic-merge-patch+json',
    );
    const history = [{ [oldName]: 4 }, ...replicaHistory(await watching, { [oldName]: 4 })];
    const last = history.at(-1) ?? {};
    expect(last[oldName]).toBe(0);
    const newName = Object.keys(last).find((n) => n !== oldName) as string;
    expect(last[newName]).toBe(4);
    const totals = history.map((h) => Object.values(h).reduce((a, b) => a + b, 0));
    expect(Math.max(...totals)).toBe(5);
    // The new ReplicaSet grew one pod at a time and the old one shrank one at a time.
    const distinct = (name: string) => [
      ...new Set(history.map((h) => h[name]).filter((n) => n !== undefined)),
    ];
    expect(distinct(newName)).toEqual([1, 2, 3, 4]);
    expect(distinct(oldName)).toEqual([4, 3, 2, 1, 0]);
  });
});
