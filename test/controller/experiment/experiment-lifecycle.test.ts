import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aTemplate, type ExperimentWorld, startExperimentWorld } from './experiment-world.js';

let x: ExperimentWorld;
beforeEach(async () => {
  x = await startExperimentWorld('banner');
});
afterEach(() => x.close());

describe('a standalone Experiment (spec §3)', () => {
  it('runs two templates for its duration, then succeeds and scales down after scaleDownDelaySeconds', async () => {
    await x.create({
      duration: '20s',
      scaleDownDelaySeconds: 5,
      templates: [aTemplate('a', { replicas: 2 }), aTemplate('b')],
    });
    await x.settle();
    await x.advance(3000);
    const ex = await x.experiment();
    expect(ex.status?.phase).toBe('Running');
    const availableAt = ex.status?.availableAt;
    expect(availableAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await x.replicaSets()).toEqual({ 'banner-a': 2, 'banner-b': 1 });
    expect(ex.status?.templateStatuses).toEqual([
      expect.objectContaining({
        name: 'a',
        status: 'Running',
        replicas: 2,
        availableReplicas: 2,
        podTemplateHash: expect.any(String),
      }),
      expect.objectContaining({ name: 'b', status: 'Running', replicas: 1, availableReplicas: 1 }),
    ]);
    const rs = (
      await x.w.kube.get<{
        metadata: { labels: Record<string, string>; annotations: Record<string, string> };
      }>('/apis/apps/v1/namespaces/default/replicasets/banner-a')
    ).metadata;
    expect(rs.labels['rollouts-pod-template-hash']).toBe(
      ex.status?.templateStatuses?.[0]?.podTemplateHash,
    );
    expect(rs.annotations).toMatchObject({
      'experiment.argoproj.io/name': 'banner',
      'experiment.argoproj.io/template-name': 'a',
    });

    await x.advance(18_000);
    let done = await x.experiment();
    expect(done.status?.phase).toBe('Successful');
    expect(done.status?.availableAt).toBe(availableAt);
    expect(x.w.h.clock.now() - Date.parse(availableAt ?? '')).toBeGreaterThanOrEqual(20_000);
    expect(done.status?.templateStatuses?.map((t) => t.status)).toEqual([
      'Successful',
      'Successful',
    ]);
    // Inside the scale-down delay the pods stay, marked with the deadline.
    expect(await x.replicaSets()).toEqual({ 'banner-a': 2, 'banner-b': 1 });
    await x.advance(6000);
    expect(await x.replicaSets()).toEqual({ 'banner-a': 0, 'banner-b': 0 });
    done = await x.experiment();
    expect(done.status?.phase).toBe('Successful');
    expect((await x.settle()).outcome).toBe('unchanged');
  });

  it('stops when terminate: true is set, keeping phase Successful', async () => {
    await x.create({ scaleDownDelaySeconds: 0, templates: [aTemplate('a')] });
    await x.advance(3000);
    expect((await x.experiment()).status?.phase).toBe('Running');
    await x.advance(60_000, 10_000);
    expect((await x.experiment()).status?.phase).toBe('Running'); // no duration: runs until told
    await x.w.h.req(
      'PATCH',
      '/apis/argoproj.io/v1alpha1/namespaces/default/experiments/banner',
      { spec: { terminate: true } },
      'application/merge-patch+json',
    );
    await x.advance(2000);
    const ex = await x.experiment();
    expect(ex.status?.phase).toBe('Successful');
    expect(await x.replicaSets()).toEqual({ 'banner-a': 0 });
  });

  it('fails a template that never becomes ready after progressDeadlineSeconds', async () => {
    await x.create({
      progressDeadlineSeconds: 10,
      scaleDownDelaySeconds: 0,
      templates: [aTemplate('a'), aTemplate('b', { neverReady: true })],
    });
    await x.advance(5000);
    expect((await x.experiment()).status).toMatchObject({ phase: 'Pending' });
    await x.advance(8000);
    const ex = await x.experiment();
    expect(ex.status).toMatchObject({
      phase: 'Failed',
      message: "Template 'b' exceeded its progressDeadlineSeconds (10)",
    });
    expect(ex.status?.availableAt).toBeUndefined();
    expect(ex.status?.templateStatuses?.find((t) => t.name === 'b')).toMatchObject({
      status: 'Failed',
      message: "Template 'b' exceeded its progressDeadlineSeconds (10)",
    });
    await x.advance(2000);
    expect(await x.replicaSets()).toEqual({ 'banner-a': 0, 'banner-b': 0 });
  });

  it('creates a Service per template with a service, named after the RS or service.name, and deletes it on scale-down', async () => {
    await x.create({
      duration: '5s',
      scaleDownDelaySeconds: 2,
      templates: [
        aTemplate('a', { ports: [8080, 9090], service: {} }),
        aTemplate('b', { ports: [80], service: { name: 'banner-preview' } }),
      ],
    });
    await x.advance(3000);
    const ex = await x.experiment();
    expect(ex.status?.templateStatuses?.map((t) => t.serviceName)).toEqual([
      'banner-a',
      'banner-preview',
    ]);
    const svcs = await x.services();
    const a = svcs.find((s) => s.metadata.name === 'banner-a');
    expect(a?.spec?.selector).toEqual({
      app: 'banner',
      variant: 'a',
      'rollouts-pod-template-hash': ex.status?.templateStatuses?.[0]?.podTemplateHash,
    });
    expect((a?.spec as { ports?: unknown[] }).ports).toEqual([
      { name: 'p8080', protocol: 'TCP', port: 8080, targetPort: 8080 },
      { name: 'p9090', protocol: 'TCP', port: 9090, targetPort: 9090 },
    ]);
    await x.advance(12_000);
    expect((await x.experiment()).status?.phase).toBe('Successful');
    expect(await x.replicaSets()).toEqual({ 'banner-a': 0, 'banner-b': 0 });
    expect(await x.services()).toEqual([]);
    expect((await x.experiment()).status?.templateStatuses?.map((t) => t.serviceName)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('an Experiment that is gone reconciles to gone', async () => {
    expect((await x.settle('nope')).outcome).toBe('gone');
  });
});
