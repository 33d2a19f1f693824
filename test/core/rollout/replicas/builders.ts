import type {
  CanaryStep,
  CanaryStrategy,
  IntOrString,
  Rollout,
  RolloutStatus,
} from '../../../../src/domain/index.js';
import type { RsCounts } from '../../../../src/core/rollout/replicas/index.js';
import { aCanary } from '../../../support/builders/index.js';

/** `rs(spec, available)`; `status.replicas` follows spec unless given. */
export function rs(spec: number, available: number, replicas = spec): RsCounts {
  return { spec, available, replicas };
}

export interface RolloutOverrides {
  replicas?: number;
  steps?: CanaryStep[];
  canary?: Partial<CanaryStrategy>;
  status?: Partial<RolloutStatus>;
  /** Shorthand for `canary.trafficRouting: {}`. */
  routed?: boolean;
}

/**
 * A canary Rollout mid-update: current pods `canary`, stable pods `stable`, at step 0.
 * Everything else comes from the overrides.
 */
export function aRollout(o: RolloutOverrides = {}): Rollout {
  const canary: CanaryStrategy = { steps: o.steps ?? [{ setWeight: 10 }], ...o.canary };
  if (o.routed) canary.trafficRouting = canary.trafficRouting ?? {};
  // The replica math reads no pod template; an unset spec.replicas is the controller's default.
  return aCanary(canary, {
    spec: { replicas: o.replicas, selector: undefined, template: undefined },
    status: { currentPodHash: 'canary', stableRS: 'stable', currentStepIndex: 0, ...o.status },
  });
}

/** One row of the §9.1.1 table, with the upstream fixture's zero values as defaults. */
export interface CanaryCase {
  name: string;
  replicas: number;
  weight: number;
  surge: IntOrString;
  unavailable: IntOrString;
  promoteFull: boolean;
  stable: RsCounts;
  canary: RsCounts;
  older?: RsCounts | undefined;
  setCanaryScale?: CanaryStep['setCanaryScale'];
  routed: boolean;
  abortDelay?: number | undefined;
  abort: boolean;
  minPods?: number | undefined;
  expected: { stable: number; canary: number };
}

export function aCase(o: Partial<CanaryCase> & Pick<CanaryCase, 'name' | 'expected'>): CanaryCase {
  return {
    replicas: 10,
    weight: 0,
    surge: 0,
    unavailable: 0,
    promoteFull: false,
    stable: rs(0, 0),
    canary: rs(0, 0),
    routed: false,
    abort: false,
    ...o,
  };
}

/** The fixture of the upstream table: a single step `{ setWeight, setCanaryScale }` at index 0. */
export function rolloutOf(c: CanaryCase): Rollout {
  const step: CanaryStep = {
    setWeight: c.weight,
    ...(c.setCanaryScale ? { setCanaryScale: c.setCanaryScale } : {}),
  };
  return aRollout({
    replicas: c.replicas,
    steps: [step],
    routed: c.routed,
    canary: {
      maxSurge: c.surge,
      maxUnavailable: c.unavailable,
      ...(c.abortDelay === undefined ? {} : { abortScaleDownDelaySeconds: c.abortDelay }),
      ...(c.minPods === undefined ? {} : { minPodsPerReplicaSet: c.minPods }),
    },
    status: { promoteFull: c.promoteFull, abort: c.abort },
  });
}

/** Unwraps a value that may be a `{ error }` result; a test that gets one fails with its message. */
export function orThrow<T extends object>(value: T | { error: string }): T {
  if ('error' in value) throw new Error(value.error);
  return value;
}
