import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM } from '../../src/devcluster/index.js';
import { APPS, aReplicaSet, type Harness, NS, startHarness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

type Pod = {
  metadata: {
    name: string;
    labels: Record<string, string>;
    ownerReferences?: Array<{ name: string; controller: boolean }>;
  };
  status: {
    phase: string;
    conditions?: Array<{ type: string; status: string }>;
    containerStatuses?: Array<{ state: Record<string, { reason?: string; exitCode?: number }> }>;
  };
};

async function pods(selector: string): Promise<Pod[]> {
  return (await h.req('GET', `${NS}/pods?labelSelector=${encodeURIComponent(selector)}`)).body
    .items as Pod[];
}
const ready = (p: Pod) =>
  p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

describe('ReplicaSet controller and kubelet', () => {
  it('creates owned pods that become Ready after the configured delay', async () => {
    await h.req('POST', `${APPS}/replicasets`, aReplicaSet('web', { replicas: 3 }));
    let list = await pods('app=web');
    expect(list).toHaveLength(3);
    expect(
      list.every(
        (p) =>
          p.metadata.name.startsWith('web-') &&
          p.metadata.ownerReferences?.[0]?.name === 'web' &&
          p.metadata.ownerReferences[0].controller,
      ),
    ).toBe(true);
    expect(list.some(ready)).toBe(false);
    expect((await h.req('GET', `${APPS}/replicasets/web`)).body.status).toMatchObject({
      replicas: 3,
      observedGeneration: 1,
    });

    await h.advance(1000);
    list = await pods('app=web');
    expect(list.every((p) => p.status.phase === 'Running' && ready(p))).toBe(true);
    expect((await h.req('GET', `${APPS}/replicasets/web`)).body.status).toMatchObject({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
  });

  it('counts pods available only after minReadySeconds', async () => {
    await h.req(
      'POST',
      `${APPS}/replicasets`,
      aReplicaSet('slow', { replicas: 2, minReadySeconds: 5 }),
    );
    await h.advance(1000);
    const early = (await h.req('GET', `${APPS}/replicasets/slow`)).body.status;
    expect(early.readyReplicas).toBe(2);
    expect(early.availableReplicas).toBeUndefined();
    await h.advance(5000);
    expect((await h.req('GET', `${APPS}/replicasets/slow`)).body.status.availableReplicas).toBe(2);
  });

  it('scales down not-ready pods first and keeps status current', async () => {
    await h.req('POST', `${APPS}/replicasets`, aReplicaSet('scale', { replicas: 2 }));
    await h.advance(1000);
    await h.req(
      'PATCH',
      `${APPS}/replicasets/scale`,
      { spec: { replicas: 4 } },
      'application/merge-patch+json',
    );
    await h.req(
      'PATCH',
      `${APPS}/replicasets/scale`,
      { spec: { replicas: 2 } },
      'application/merge-patch+json',
    );
    const list = await pods('app=scale');
    expect(list).toHaveLength(2);
    expect(list.every(ready)).toBe(true);
    expect((await h.req('GET', `${APPS}/replicasets/scale`)).body.status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
    });
  });

  it('keeps a pod with a bad image in ImagePullBackOff and never Ready', async () => {
    await h.req(
      'POST',
      `${APPS}/replicasets`,
      aReplicaSet('broken', { replicas: 1, image: 'nginx:bad' }),
    );
    await h.advance(10_000);
    const [pod] = await pods('app=broken');
    expect(pod?.status.phase).toBe('Pending');
    expect(pod?.status.containerStatuses?.[0]?.state.waiting?.reason).toBe('ImagePullBackOff');
    expect(
      (await h.req('GET', `${APPS}/replicasets/broken`)).body.status.readyReplicas,
    ).toBeUndefined();
  });

  it('honours the ready-after and never-ready annotations', async () => {
    await h.req(
      'POST',
      `${APPS}/replicasets`,
      aReplicaSet('late', { replicas: 1, annotations: { [SIM.readyAfterSeconds]: '30' } }),
    );
    await h.req(
      'POST',
      `${APPS}/replicasets`,
      aReplicaSet('never', { replicas: 1, annotations: { [SIM.neverReady]: 'true' } }),
    );
    await h.advance(10_000, 1000);
    expect((await pods('app=late')).some(ready)).toBe(false);
    await h.advance(21_000, 1000);
    expect((await pods('app=late')).every(ready)).toBe(true);
    const [never] = await pods('app=never');
    expect(never?.status.phase).toBe('Running');
    expect(ready(never!)).toBe(false);
  });

  it('stops at the cluster pod limit with a ReplicaFailure condition, and recovers below it', async () => {
    await h.close();
    h = await startHarness({ maxPods: 5 });
    await h.req('POST', `${APPS}/replicasets`, aReplicaSet('big', { replicas: 8 }));
    expect(await pods('app=big')).toHaveLength(5);
    const status = (await h.req('GET', `${APPS}/replicasets/big`)).body.status;
    expect(status.conditions).toEqual([
      expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' }),
    ]);
    await h.req(
      'PATCH',
      `${APPS}/replicasets/big`,
      { spec: { replicas: 4 } },
      'application/merge-patch+json',
    );
    expect(await pods('app=big')).toHaveLength(4);
    expect((await h.req('GET', `${APPS}/replicasets/big`)).body.status.conditions).toBeUndefined();
  });

  it('deletes its pods when the ReplicaSet is deleted', async () => {
    await h.req('POST', `${APPS}/replicasets`, aReplicaSet('gone', { replicas: 2 }));
    await h.req('DELETE', `${APPS}/replicasets/gone`);
    expect(await pods('app=gone')).toHaveLength(0);
  });
});

describe('Job controller', () => {
  const aJob = (name: string, command: string[], extra: Record<string, unknown> = {}) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      backoffLimit: 0,
      ...extra,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'c', image: 'busybox:1.36', command }],
        },
      },
    },
  });
  const job = async (name: string) =>
    (await h.req('GET', `/apis/batch/v1/namespaces/default/jobs/${name}`)).body;

  it('completes a job whose command exits 0', async () => {
    await h.req(
      'POST',
      '/apis/batch/v1/namespaces/default/jobs',
      aJob('ok', ['sh', '-c', 'exit 0']),
    );
    await h.advance(3000);
    const j = await job('ok');
    expect(j.status).toMatchObject({
      succeeded: 1,
      conditions: [expect.objectContaining({ type: 'Complete', status: 'True' })],
    });
    expect(j.status.completionTime).toBeTruthy();
  });

  it('fails a job whose command exits non-zero, past backoffLimit', async () => {
    await h.req(
      'POST',
      '/apis/batch/v1/namespaces/default/jobs',
      aJob('ko', ['sh', '-c', 'exit 1'], { backoffLimit: 1 }),
    );
    await h.advance(6000);
    const j = await job('ko');
    expect(j.status).toMatchObject({
      failed: 2,
      conditions: [expect.objectContaining({ type: 'Failed', reason: 'BackoffLimitExceeded' })],
    });
  });

  it('runs for the seconds its command sleeps and fails past activeDeadlineSeconds', async () => {
    await h.req(
      'POST',
      '/apis/batch/v1/namespaces/default/jobs',
      aJob('long', ['sh', '-c', 'sleep 60'], { activeDeadlineSeconds: 5 }),
    );
    await h.advance(3000);
    expect((await job('long')).status.active).toBe(1);
    await h.advance(3000);
    const j = await job('long');
    expect(j.status.conditions[0]).toMatchObject({ type: 'Failed', reason: 'DeadlineExceeded' });
    expect((await pods('job-name=long')).every((p) => p.status.phase !== 'Running')).toBe(true);
  });
});

describe('Deployment, Endpoints and eviction', () => {
  it('rolls a Deployment onto a hashed ReplicaSet and reports its status', async () => {
    const rs = aReplicaSet('dep', { replicas: 2 });
    await h.req('POST', `${APPS}/deployments`, { ...rs, kind: 'Deployment' });
    await h.advance(2000);
    const d = (await h.req('GET', `${APPS}/deployments/dep`)).body;
    expect(d.status).toMatchObject({
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
    });
    const rss = (await h.req('GET', `${APPS}/replicasets?labelSelector=app%3Ddep`)).body.items;
    expect(rss).toHaveLength(1);
    expect(rss[0].metadata.labels['pod-template-hash']).toBeTruthy();
  });

  it('lists ready pods of a Service as endpoint addresses', async () => {
    await h.req('POST', `${APPS}/replicasets`, aReplicaSet('api', { replicas: 2 }));
    await h.req('POST', `${NS}/services`, {
      metadata: { name: 'api' },
      spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    let ep = (await h.req('GET', `${NS}/endpoints/api`)).body;
    expect(ep.subsets?.[0]?.addresses).toBeUndefined();
    await h.advance(1000);
    ep = (await h.req('GET', `${NS}/endpoints/api`)).body;
    expect(ep.subsets[0].addresses).toHaveLength(2);
    expect(ep.subsets[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });

  it('refuses an eviction that would break a PodDisruptionBudget with 429', async () => {
    await h.req('POST', `${APPS}/replicasets`, aReplicaSet('guarded', { replicas: 2 }));
    await h.req('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', {
      metadata: { name: 'guard' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'guarded' } } },
    });
    await h.advance(1000);
    const [victim] = await pods('app=guarded');
    const evict = (name: string) =>
      h.req('POST', `${NS}/pods/${name}/eviction`, {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name },
      });
    const refused = await evict(victim!.metadata.name);
    expect(refused.status).toBe(429);
    expect(refused.body.details.causes[0].reason).toBe('DisruptionBudget');
    await h.req(
      'PATCH',
      '/apis/policy/v1/namespaces/default/poddisruptionbudgets/guard',
      { spec: { minAvailable: 1 } },
      'application/merge-patch+json',
    );
    const allowed = await evict(victim!.metadata.name);
    expect(allowed.status).toBe(201);
    expect((await h.req('GET', `${NS}/pods/${victim!.metadata.name}`)).status).toBe(404);
  });

  it('gives every new namespace a default ServiceAccount', async () => {
    await h.req('POST', '/api/v1/namespaces', { metadata: { name: 'team' } });
    expect((await h.req('GET', '/api/v1/namespaces/team/serviceaccounts/default')).status).toBe(
      200,
    );
  });
});
