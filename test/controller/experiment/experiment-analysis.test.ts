import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AR,
  AT,
  aJobTemplate,
  aTemplate,
  type ExperimentWorld,
  startExperimentWorld,
} from './experiment-world.js';

let x: ExperimentWorld;
beforeEach(async () => {
  x = await startExperimentWorld('banner');
  // `exit 1` fails the Job on the devcluster (README, conventions to make things fail).
  for (const t of [
    aJobTemplate('pass', 0),
    aJobTemplate('fail', 1),
    aJobTemplate('slow-pass', 0, 30),
  ])
    await x.w.h.req('POST', AT, t);
});
afterEach(() => x.close());

const runs = async () =>
  (await x.w.h.req('GET', AR)).body.items as Array<{
    metadata: { name: string; ownerReferences: Array<{ kind: string; name: string }> };
    spec: { terminate?: boolean; args?: unknown[] };
    status?: { phase?: string };
  }>;

describe('Experiment analyses (job provider on the devcluster)', () => {
  it('creates no runs until every template is Running', async () => {
    await x.create({
      duration: '1h',
      templates: [aTemplate('a'), aTemplate('b', { neverReady: true })],
      analyses: [{ name: 'smoke', templateName: 'pass' }],
    });
    await x.advance(3000);
    expect(await runs()).toEqual([]);
    expect((await x.experiment()).status?.analysisRuns).toBeUndefined();
  });

  it('a failing analysis ends the experiment Failed early, before its duration', async () => {
    await x.create({
      duration: '1h',
      scaleDownDelaySeconds: 0,
      templates: [aTemplate('a'), aTemplate('b')],
      analyses: [
        { name: 'check', templateName: 'fail' },
        { name: 'long', templateName: 'slow-pass' },
      ],
    });
    await x.advance(8000);
    const ex = await x.experiment();
    expect(ex.status?.phase).toBe('Failed');
    expect(ex.status?.analysisRuns).toEqual([
      expect.objectContaining({ name: 'check', analysisRun: 'banner-check', phase: 'Failed' }),
      expect.objectContaining({ name: 'long', analysisRun: 'banner-long' }),
    ]);
    const all = await runs();
    expect(all.map((r) => r.metadata.ownerReferences[0])).toEqual([
      expect.objectContaining({ kind: 'Experiment', name: 'banner' }),
      expect.objectContaining({ kind: 'Experiment', name: 'banner' }),
    ]);
    // The still-running sibling is told to stop.
    expect(all.find((r) => r.metadata.name === 'banner-long')?.spec.terminate).toBe(true);
    expect(await x.replicaSets()).toEqual({ 'banner-a': 0, 'banner-b': 0 });
  });

  it('requiredForCompletion: Successful as soon as the required analysis passes, before the duration', async () => {
    await x.create({
      duration: '1h',
      scaleDownDelaySeconds: 0,
      templates: [aTemplate('a')],
      analyses: [{ name: 'smoke', templateName: 'pass', requiredForCompletion: true }],
    });
    await x.advance(8000);
    const ex = await x.experiment();
    expect(ex.status?.phase).toBe('Successful');
    expect(ex.status?.analysisRuns).toEqual([
      expect.objectContaining({ name: 'smoke', analysisRun: 'banner-smoke', phase: 'Successful' }),
    ]);
    expect(await x.replicaSets()).toEqual({ 'banner-a': 0 });
  });

  it('a passing analysis that is not required waits for the duration', async () => {
    await x.create({
      duration: '20s',
      scaleDownDelaySeconds: 0,
      templates: [aTemplate('a')],
      analyses: [{ name: 'smoke', templateName: 'pass' }],
    });
    await x.advance(8000);
    expect((await x.experiment()).status).toMatchObject({
      phase: 'Running',
      analysisRuns: [{ name: 'smoke', phase: 'Successful' }],
    });
    await x.advance(16_000);
    expect((await x.experiment()).status?.phase).toBe('Successful');
  });

  it('a missing AnalysisTemplate is an Error', async () => {
    await x.create({
      duration: '1h',
      templates: [aTemplate('a')],
      analyses: [{ name: 'smoke', templateName: 'nope' }],
    });
    await x.advance(2000);
    const ex = await x.experiment();
    expect(ex.status).toMatchObject({
      phase: 'Error',
      message: 'AnalysisTemplate "nope" not found',
    });
    expect(ex.status?.analysisRuns).toEqual([
      { name: 'smoke', phase: 'Error', message: 'AnalysisTemplate "nope" not found' },
    ]);
    expect(await runs()).toEqual([]);
  });

  it('resolves template placeholders in args', async () => {
    await x.w.h.req('POST', AT, {
      ...aJobTemplate('with-arg', 0),
      metadata: { name: 'with-arg' },
      spec: { ...aJobTemplate('with-arg', 0).spec, args: [{ name: 'hash' }, { name: 'rs' }] },
    });
    await x.create({
      templates: [aTemplate('a')],
      analyses: [
        {
          name: 'smoke',
          templateName: 'with-arg',
          args: [
            { name: 'hash', value: '{{templates.a.podTemplateHash}}' },
            { name: 'rs', value: '{{ templates.a.replicaset.name }}' },
          ],
        },
      ],
    });
    await x.advance(3000);
    const ex = await x.experiment();
    const run = (await runs())[0];
    expect(run?.spec.args).toEqual([
      { name: 'hash', value: ex.status?.templateStatuses?.[0]?.podTemplateHash },
      { name: 'rs', value: 'banner-a' },
    ]);
  });
});
