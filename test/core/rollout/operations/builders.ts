import type {
  CanaryStep,
  PauseReason,
  Rollout,
  RolloutStatus,
} from '../../../../src/domain/index.js';
import { aRollout as aSharedRollout } from '../../../support/builders/index.js';

export const STEPS: CanaryStep[] = [
  { setWeight: 20 },
  { pause: {} },
  { setWeight: 40 },
  { pause: { duration: 10 } },
  { analysis: { templates: [{ templateName: 'smoke' }] } },
  { setWeight: 80 },
];

export interface RolloutOverrides {
  strategy?: 'canary' | 'blueGreen';
  steps?: CanaryStep[];
  paused?: boolean;
  /** `status.currentStepIndex`; undefined leaves it unset. */
  index?: number;
  pauses?: PauseReason[];
  controllerPause?: boolean;
  abort?: boolean;
  promoteFull?: boolean;
  /** `status.currentPodHash` / `status.stableRS`; an explicit `stable: undefined` is a first deploy. */
  current?: string;
  stable?: string;
  noStatus?: boolean;
  stepAnalysis?: 'Running' | 'Inconclusive' | 'Successful';
  annotations?: Record<string, string>;
}

/**
 * A Rollout `storefront` mid-update from `stable1` to `canary2` (revision 2), a canary with {@link STEPS}
 * unless told otherwise; each override names the one field it sets.
 */
export function aRollout(o: RolloutOverrides = {}): Rollout {
  const status: RolloutStatus = {
    currentPodHash: o.current ?? 'canary2',
    ...('stable' in o
      ? o.stable === undefined
        ? {}
        : { stableRS: o.stable }
      : { stableRS: 'stable1' }),
    ...(o.index !== undefined ? { currentStepIndex: o.index } : {}),
    ...(o.pauses
      ? {
          pauseConditions: o.pauses.map((reason) => ({
            reason,
            startTime: '2024-05-01T10:00:00Z',
          })),
        }
      : {}),
    ...(o.controllerPause !== undefined ? { controllerPause: o.controllerPause } : {}),
    ...(o.abort !== undefined ? { abort: o.abort } : {}),
    ...(o.promoteFull ? { promoteFull: true } : {}),
    ...(o.stepAnalysis
      ? {
          canary: {
            currentStepAnalysisRunStatus: {
              name: 'storefront-canary2-2-4',
              status: o.stepAnalysis,
            },
          },
        }
      : {}),
  };
  return aSharedRollout({
    name: 'storefront',
    namespace: 'shop',
    metadata: {
      resourceVersion: '41',
      annotations: { 'rollout.argoproj.io/revision': '2', ...o.annotations },
    },
    ...(o.strategy === 'blueGreen'
      ? {
          blueGreen: {
            activeService: 'sf-active',
            previewService: undefined,
            autoPromotionEnabled: false,
          },
        }
      : { steps: o.steps ?? STEPS }),
    // Operations read no pod template.
    spec: { paused: o.paused, selector: undefined, template: undefined },
    ...(o.noStatus ? {} : { status }),
  });
}

/** A canary paused by the controller on its indefinite pause step (index 1). */
export const atPauseStep = (o: RolloutOverrides = {}) =>
  aRollout({ index: 1, pauses: ['CanaryPauseStep'], controllerPause: true, ...o });

/** A fully promoted canary: current == stable, all steps done. */
export const fullyPromoted = (o: RolloutOverrides = {}) =>
  aRollout({ current: 'stable1', index: STEPS.length, ...o });

export const NOW = Date.parse('2024-05-01T10:15:30.250Z');
