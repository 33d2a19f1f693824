import { describe, expect, it } from 'vitest';
import { planExperiment, type ExperimentPlan } from '../../../src/core/experiment/index.js';
import type { AnalysisTemplateSpec } from '../../../src/domain/index.js';
import { aTemplateRS, anExperiment, observe, T0 } from './builders.js';

const kinds = (p: ExperimentPlan) => p.actions.map((a) => a.kind);

describe('planExperiment', () => {
  it('creates each template ReplicaSet at 0 replicas, named <experiment>-<template>', () => {
    const plan = planExperiment(observe(anExperiment()));
    expect(plan.actions).toEqual([
      {
        kind: 'createReplicaSet',
        replicaSet: expect.objectContaining({
          metadata: expect.objectContaining({ name: 'ex-a' }),
          spec: expect.objectContaining({ replicas: 0 }),
        }),
      },
    ]);
    expect(plan.status).toMatchObject({
      phase: 'Pending',
      templateStatuses: [
        {
          name: 'a',
          status: 'Progressing',
          replicas: 0,
          lastTransitionTime: '2026-01-02T03:00:00Z',
        },
      ],
    });
    expect(plan.nextReconcileAt).toBe(T0 + 600_000);
  });

  it('scales a created ReplicaSet to replicas (default 1)', () => {
    const ex = anExperiment();
    const plan = planExperiment(observe(ex, { replicaSets: [aTemplateRS(ex, 'a', 0)] }));
    expect(plan.actions).toEqual([
      { kind: 'patchReplicaSet', name: 'ex-a', patch: { spec: { replicas: 1 } } },
    ]);
    expect(plan.events.map((e) => e.message)).toContain('Scaled up ReplicaSet ex-a from 0 to 1');
  });

  it('sets availableAt and Running when every template is available, and wakes at the end of the duration', () => {
    const ex = anExperiment({ duration: '30s' });
    const plan = planExperiment(observe(ex, { replicaSets: [aTemplateRS(ex, 'a', 1)] }));
    expect(plan.status).toMatchObject({
      phase: 'Running',
      availableAt: '2026-01-02T03:00:00Z',
      templateStatuses: [{ status: 'Running' }],
    });
    expect(plan.nextReconcileAt).toBe(T0 + 30_000);
  });

  it('is a fixed point: re-planning its own result changes nothing', () => {
    const ex = anExperiment({ duration: '30s' });
    const first = planExperiment(observe(ex, { replicaSets: [aTemplateRS(ex, 'a', 1)] }));
    const again = planExperiment(
      observe(
        { ...ex, status: first.status },
        { replicaSets: [aTemplateRS(ex, 'a', 1)], now: T0 + 1000 },
      ),
    );
    expect(again.actions).toEqual([]);
    expect(again.status).toEqual(first.status);
    expect(again.events).toEqual([]);
  });

  it('after the duration: Successful, then scale-down-deadline, then 0 replicas', () => {
    const ex = anExperiment(
      { duration: '30s', scaleDownDelaySeconds: 10 },
      {
        phase: 'Running',
        availableAt: '2026-01-02T03:00:00Z',
        templateStatuses: [
          {
            name: 'a',
            replicas: 1,
            updatedReplicas: 1,
            readyReplicas: 1,
            availableReplicas: 1,
            status: 'Running',
          },
        ],
      },
    );
    const at = T0 + 30_000;
    const done = planExperiment(observe(ex, { replicaSets: [aTemplateRS(ex, 'a', 1)], now: at }));
    expect(done.status).toMatchObject({
      phase: 'Successful',
      templateStatuses: [{ status: 'Successful' }],
    });
    expect(done.actions).toEqual([
      {
        kind: 'patchReplicaSet',
        name: 'ex-a',
        patch: { metadata: { annotations: { 'scale-down-deadline': '2026-01-02T03:00:40Z' } } },
      },
    ]);
    expect(done.nextReconcileAt).toBe(at + 10_000);
    const later = planExperiment(
      observe(
        { ...ex, status: done.status },
        {
          replicaSets: [
            aTemplateRS(ex, 'a', 1, 1, { 'scale-down-deadline': '2026-01-02T03:00:40Z' }),
          ],
          now: at + 10_000,
        },
      ),
    );
    expect(later.actions).toEqual([
      {
        kind: 'patchReplicaSet',
        name: 'ex-a',
        patch: {
          spec: { replicas: 0 },
          metadata: { annotations: { 'scale-down-deadline': null } },
        },
      },
    ]);
  });

  it('creates AnalysisRuns named <experiment>-<analysis> once available, with args and owner', () => {
    const template: AnalysisTemplateSpec = {
      args: [{ name: 'hash' }],
      metrics: [{ name: 'm', provider: { job: {} } }],
    };
    const ex = anExperiment({
      analyses: [
        {
          name: 'smoke',
          templateName: 'tpl',
          args: [{ name: 'hash', value: '{{templates.a.podTemplateHash}}' }],
        },
      ],
      analysisRunMetadata: { labels: { team: 'x' } },
    });
    const rs = aTemplateRS(ex, 'a', 1);
    const plan = planExperiment(
      observe(ex, { replicaSets: [rs], templates: new Map([['tpl', template]]) }),
    );
    expect(kinds(plan)).toEqual(['createAnalysisRun']);
    const run = plan.actions[0]?.kind === 'createAnalysisRun' ? plan.actions[0].run : undefined;
    expect(run?.metadata).toMatchObject({
      name: 'ex-smoke',
      labels: { team: 'x' },
      ownerReferences: [{ kind: 'Experiment', name: 'ex', uid: 'ex-uid', controller: true }],
    });
    expect(run?.spec.args).toEqual([
      { name: 'hash', value: rs.metadata.labels?.['rollouts-pod-template-hash'] },
    ]);
    expect(plan.status.analysisRuns).toEqual([
      { name: 'smoke', analysisRun: 'ex-smoke', phase: 'Pending' },
    ]);
  });

  it('an invalid duration is an Error', () => {
    expect(planExperiment(observe(anExperiment({ duration: 'soon' }))).status).toMatchObject({
      phase: 'Error',
      message: 'Invalid duration: "soon"',
    });
  });
});
