import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/index.js';
import { recordEvents } from '../../src/controller/record-events.js';
import { startDevCluster, type DevCluster } from '../../src/devcluster/index.js';
import { fetchLosingAnswers } from '../support/lost-answers.js';

const EVENTS = '/api/v1/namespaces/default/events';
let cluster: DevCluster;
beforeAll(async () => {
  cluster = await startDevCluster({ simulate: false });
});
afterAll(() => cluster.close());

const aRollout = (name: string, resourceVersion: string) => ({
  kind: 'Rollout',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion },
});
const step = {
  type: 'Normal' as const,
  reason: 'RolloutStepCompleted',
  message: 'Rollout step 1/2 completed (setWeight: 50)',
};

/** Every events POST lands on the server, but the answer of the first `n` is lost on the way back. */
const losingAnswers = (n: number) =>
  new KubeClient({
    server: cluster.url,
    retry: { sleep: () => Promise.resolve() },
    fetch: fetchLosingAnswers('POST', n),
  });

async function eventsAbout(
  name: string,
): Promise<Array<{ metadata: { name: string }; message: string }>> {
  const res = await fetch(`${cluster.url}${EVENTS}?fieldSelector=involvedObject.name%3D${name}`);
  return ((await res.json()) as { items: Array<{ metadata: { name: string }; message: string }> })
    .items;
}

describe('recordEvents', () => {
  it('records an event once when the answer to its create is lost and the create is repeated', async () => {
    await recordEvents(losingAnswers(2), aRollout('lossy', '10'), [step], Date.now());
    const events = await eventsAbout('lossy');
    expect(events.map((e) => e.message)).toEqual([step.message]);
    expect(events[0]?.metadata.name).toMatch(/^lossy\.[0-9a-f]{16}$/);
  });

  it('names events by the state they were planned from: the same plan twice is one event, a later one another', async () => {
    const kube = new KubeClient({ server: cluster.url });
    await recordEvents(kube, aRollout('twice', '20'), [step], Date.now());
    await recordEvents(kube, aRollout('twice', '20'), [step], Date.now());
    expect(await eventsAbout('twice')).toHaveLength(1);
    await recordEvents(kube, aRollout('twice', '21'), [step], Date.now());
    expect(await eventsAbout('twice')).toHaveLength(2);
  });
});
