import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DeploymentRecord,
  environmentOf,
  formatDeploymentRecord,
  parseDeploymentRecord,
  planReport,
  reportKey,
  truncate,
} from '../../../src/core/gitops/plan-report.js';
import type { CanaryStep, Rollout, RolloutStatus } from '../../../src/domain/index.js';
import { aRollout } from '../../support/builders/index.js';

const STEPS: CanaryStep[] = [
  { setWeight: 20 },
  { pause: {} },
  { setWeight: 60 },
  { pause: { duration: 5 } },
];

/** The deployment the sync recorded for revision `canary2`, applied as generation 4. */
function aRecord(o: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return {
    repo: 'acme/deploy',
    id: 41,
    sha: 'f'.repeat(40),
    environment: 'dev/shop/storefront',
    generation: 4,
    podHash: 'canary2',
    ...o,
  };
}

interface Overrides {
  status?: RolloutStatus;
  steps?: CanaryStep[];
  blueGreen?: boolean;
  paused?: boolean;
}

/** `storefront` seen by the controller at generation 4, updating from `stable1` to `canary2`; `status` fields override. */
function aStorefront(o: Overrides = {}): Rollout {
  return aRollout({
    name: 'storefront',
    namespace: 'shop',
    metadata: { generation: 4 },
    ...(o.blueGreen
      ? { blueGreen: { activeService: 'sf-active', previewService: undefined } }
      : { steps: o.steps ?? STEPS }),
    spec: { paused: o.paused },
    status: {
      observedGeneration: '4',
      currentPodHash: 'canary2',
      stableRS: 'stable1',
      phase: 'Progressing',
      currentStepIndex: 0,
      ...o.status,
    },
  });
}

describe('planReport: what GitHub says about each Rollout state', () => {
  it.each<[string, Overrides, ReturnType<typeof planReport>]>([
    [
      'not yet seen by the controller',
      { status: { observedGeneration: '3' } },
      {
        state: 'queued',
        commitState: 'pending',
        description: 'applied; waiting for the controller',
      },
    ],
    [
      'never reconciled (no status)',
      { status: { observedGeneration: undefined } },
      {
        state: 'queued',
        commitState: 'pending',
        description: 'applied; waiting for the controller',
      },
    ],
    [
      'progressing at the first step',
      {},
      {
        state: 'in_progress',
        commitState: 'pending',
        description: 'progressing: step 0/4, 20% canary',
      },
    ],
    [
      "progressing, with the controller's message",
      { status: { currentStepIndex: 2, message: 'more replicas need to be updated' } },
      {
        state: 'in_progress',
        commitState: 'pending',
        description: 'progressing: step 2/4, 60% canary (more replicas need to be updated)',
      },
    ],
    [
      'paused on a pause step',
      {
        status: {
          phase: 'Paused',
          currentStepIndex: 1,
          pauseConditions: [{ reason: 'CanaryPauseStep', startTime: 't' }],
        },
      },
      {
        state: 'in_progress',
        commitState: 'pending',
        description: 'paused at step 1/4, 20% canary: awaiting promotion',
      },
    ],
    [
      'paused on a timed pause step: says when it resumes',
      {
        status: {
          phase: 'Paused',
          currentStepIndex: 3,
          pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-12-06T23:45:07Z' }],
        },
      },
      {
        state: 'in_progress',
        commitState: 'pending',
        description: 'paused at step 3/4, 60% canary: resumes at 2026-12-06T23:45:12Z',
      },
    ],
    [
      'paused on an inconclusive analysis',
      {
        status: {
          phase: 'Paused',
          currentStepIndex: 1,
          pauseConditions: [{ reason: 'InconclusiveAnalysisRun', startTime: 't' }],
        },
      },
      {
        state: 'in_progress',
        commitState: 'pending',
        description: 'paused at step 1/4, 20% canary: analysis was inconclusive; promote or abort',
      },
    ],
    [
      'paused by hand',
      { paused: true, status: { phase: 'Paused', currentStepIndex: 2 } },
      {
        state: 'in_progress',
        commitState: 'pending',
        description: 'paused at step 2/4, 60% canary: manually paused',
      },
    ],
    [
      'promoted and healthy',
      { status: { phase: 'Healthy', currentStepIndex: 4, stableRS: 'canary2' } },
      {
        state: 'success',
        commitState: 'success',
        description: 'rolled out: revision canary2 is stable',
      },
    ],
    [
      'a first deploy, healthy',
      { steps: [], status: { phase: 'Healthy', stableRS: 'canary2', currentStepIndex: undefined } },
      {
        state: 'success',
        commitState: 'success',
        description: 'rolled out: revision canary2 is stable',
      },
    ],
    // After an abort the controller resets the step index to 0 and the canary to 0%: no position is claimed.
    [
      'aborted by a failed analysis',
      {
        status: {
          phase: 'Degraded',
          abort: true,
          currentStepIndex: 0,
          message:
            'RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase failed',
        },
      },
      {
        state: 'failure',
        commitState: 'failure',
        description: 'aborted: Step-based analysis phase failed',
      },
    ],
    [
      'aborted by hand',
      {
        status: {
          phase: 'Degraded',
          abort: true,
          currentStepIndex: 0,
          message: 'RolloutAborted: Rollout aborted update to revision 2',
        },
      },
      {
        state: 'failure',
        commitState: 'failure',
        description: 'aborted: Rollout aborted update to revision 2',
      },
    ],
    [
      'degraded without abort (InvalidSpec)',
      {
        status: { phase: 'Degraded', message: 'InvalidSpec: The Rollout "storefront" is invalid' },
      },
      {
        state: 'failure',
        commitState: 'failure',
        description: 'InvalidSpec: The Rollout "storefront" is invalid',
      },
    ],
    [
      'superseded by a change outside Git',
      { status: { currentPodHash: 'other3', phase: 'Healthy', stableRS: 'other3' } },
      {
        state: 'inactive',
        commitState: 'error',
        description: 'superseded by revision other3, changed outside this commit',
      },
    ],
  ])('%s', (_what, o, expected) => {
    expect(planReport(aStorefront(o), aRecord())).toEqual(expected);
  });

  it('healthy is not success while the stable revision is still the old one', () => {
    expect(planReport(aStorefront({ status: { phase: 'Healthy' } }), aRecord()).state).toBe(
      'in_progress',
    );
  });

  it('blue-green: preview until the active service selects the new revision', () => {
    const paused = aStorefront({
      blueGreen: true,
      status: {
        phase: 'Paused',
        blueGreen: { activeSelector: 'stable1', previewSelector: 'canary2' },
        pauseConditions: [{ reason: 'BlueGreenPause', startTime: 't' }],
      },
    });
    expect(planReport(paused, aRecord())).toEqual({
      state: 'in_progress',
      commitState: 'pending',
      description: 'paused at preview: preview is ready; awaiting promotion',
    });
    const timed = aStorefront({
      blueGreen: true,
      status: {
        phase: 'Paused',
        blueGreen: { activeSelector: 'stable1' },
        pauseConditions: [{ reason: 'BlueGreenPause', startTime: '2026-12-06T23:45:00Z' }],
      },
    });
    timed.spec.strategy = { blueGreen: { activeService: 'sf-active', autoPromotionSeconds: 90 } };
    expect(planReport(timed, aRecord()).description).toBe(
      'paused at preview: preview is ready; promoted automatically at 2026-12-06T23:46:30Z',
    );
    const done = aStorefront({
      blueGreen: true,
      status: { phase: 'Healthy', stableRS: 'canary2', blueGreen: { activeSelector: 'canary2' } },
    });
    expect(planReport(done, aRecord()).state).toBe('success');
  });

  it("keeps the failed analysis' own words when the abort message is long", () => {
    const why = 'Metric "error-rate" assessed Failed due to failed (3) > failureLimit (2)';
    const r = planReport(
      aStorefront({
        status: {
          phase: 'Degraded',
          abort: true,
          currentStepIndex: 0,
          message: `RolloutAborted: Rollout aborted update to revision 12: Step-based analysis phase failed: ${why}`,
        },
      }),
      aRecord(),
    );
    expect(r.state).toBe('failure');
    expect(r.description.length).toBeLessThanOrEqual(140);
    expect(r.description).toContain(why);
  });

  it("every description fits GitHub's 140 characters", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.constantFrom('Progressing', 'Paused', 'Degraded', 'Healthy'),
        fc.boolean(),
        (message, phase, abort) => {
          const r = planReport(
            aStorefront({ status: { message, phase: phase as RolloutStatus['phase'], abort } }),
            aRecord(),
          );
          expect(r.description.length).toBeLessThanOrEqual(140);
        },
      ),
    );
  });
});

describe('reportKey: idempotent reports', () => {
  it('the same Rollout gives the same key; a new step or another deployment gives another', () => {
    const at = (index: number) => aStorefront({ status: { currentStepIndex: index } });
    const key = reportKey(aRecord(), planReport(at(2), aRecord()));
    expect(reportKey(aRecord(), planReport(structuredClone(at(2)), aRecord()))).toBe(key);
    expect(reportKey(aRecord(), planReport(at(3), aRecord()))).not.toBe(key);
    expect(reportKey(aRecord({ id: 42 }), planReport(at(2), aRecord({ id: 42 })))).not.toBe(key);
  });

  it('unrelated status churn (replica counts, conditions) does not change the key', () => {
    const base = aStorefront({ status: { phase: 'Paused', currentStepIndex: 1 } });
    const churned = aStorefront({
      status: {
        phase: 'Paused',
        currentStepIndex: 1,
        readyReplicas: 3,
        availableReplicas: 3,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'AvailableReason',
            message: 'Rollout has minimum availability',
            lastUpdateTime: '2026-12-01T00:00:00Z',
            lastTransitionTime: '2026-12-01T00:00:00Z',
          },
        ],
      },
    });
    expect(reportKey(aRecord(), planReport(churned, aRecord()))).toBe(
      reportKey(aRecord(), planReport(base, aRecord())),
    );
  });
});

describe('deployment records', () => {
  it('round-trip through the annotation; junk is no record', () => {
    expect(parseDeploymentRecord(formatDeploymentRecord(aRecord()))).toEqual(aRecord());
    const { podHash: _p, ...withoutHash } = aRecord();
    expect(parseDeploymentRecord(formatDeploymentRecord(withoutHash))).toEqual(withoutHash);
    expect(parseDeploymentRecord(undefined)).toBeUndefined();
    expect(parseDeploymentRecord('{not json')).toBeUndefined();
    expect(parseDeploymentRecord('{"id":"41"}')).toBeUndefined();
  });

  it('environments are <cluster>/<namespace>/<rollout>', () => {
    expect(environmentOf('prod-eu', 'shop', 'storefront')).toBe('prod-eu/shop/storefront');
  });

  it('truncate flattens whitespace and marks the cut', () => {
    expect(truncate('a\n  b')).toBe('a b');
    const cut = truncate('x'.repeat(200));
    expect(cut).toHaveLength(140);
    expect(cut.endsWith('…')).toBe(true);
  });
});
