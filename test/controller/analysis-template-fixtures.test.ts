import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startWorld, type World } from './world.js';

/**
 * The analysis walk-through's templates (test/fixtures/manifests/analysis-templates.yaml) as a
 * user applies them: a shell-decided Job metric passes or fails on demand, and the Rollout follows.
 */
const AT = '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates';
const AR = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';
const TEMPLATES = parseAllDocuments(
  readFileSync(new URL('../fixtures/manifests/analysis-templates.yaml', import.meta.url), 'utf8'),
)
  .map((d) => d.toJS() as { metadata: { name: string } })
  .filter((t) => t.metadata.name.startsWith('job-'));

let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
  for (const t of TEMPLATES) expect((await w.h.req('POST', AT, t)).status).toBe(201);
});
afterEach(() => w.close());

const analysisStep = (templateName: string, result?: string) => ({
  analysis: {
    templates: [{ templateName }],
    ...(result ? { args: [{ name: 'result', value: result }] } : {}),
  },
});

/** A canary whose second step runs `step`'s analysis, after an image change and 15 s. */
async function updateThrough(step: ReturnType<typeof analysisStep>) {
  await w.deploy({ steps: [{ setWeight: 20 }, step, { setWeight: 60 }] });
  await w.setImage('registry.example/shop:v2');
  await w.advance(15_000, 1000);
  const [run] = (await w.h.req('GET', AR)).body.items;
  return { status: (await w.rollout()).status, run, counts: await w.counts() };
}

describe('the walk-through analysis templates on the devcluster', () => {
  it.each([
    ['job-result with result=fail', analysisStep('job-result', 'fail')],
    ['job-fails', analysisStep('job-fails')],
  ])('%s fails its Job metric and the Rollout aborts', async (_what, step) => {
    const { status, run, counts } = await updateThrough(step);
    expect(run.status).toMatchObject({ phase: 'Failed', runSummary: { count: 1, failed: 1 } });
    expect(status).toMatchObject({
      phase: 'Degraded',
      message: expect.stringMatching(/^RolloutAborted: .*Step-based analysis phase error\/failed/),
    });
    expect(counts).toEqual({ canary: 0, stable: 5, other: 0 });
  });

  it('job-result with its default argument passes and the Rollout completes', async () => {
    const { status, run } = await updateThrough(analysisStep('job-result'));
    expect(run.status.phase).toBe('Successful');
    expect(status).toMatchObject({ phase: 'Healthy', currentStepIndex: 3 });
  });

  it('job-inconclusive pauses the Rollout', async () => {
    const { status, run } = await updateThrough(analysisStep('job-inconclusive'));
    expect(run.status.phase).toBe('Inconclusive');
    expect(status).toMatchObject({ phase: 'Paused', message: 'InconclusiveAnalysisRun' });
  });
});
