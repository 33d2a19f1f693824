import type { Rollout } from '../../../domain/index.js';
import { parseOperationRecord } from './operation-record.js';
import type { SeenState } from './seen-state.js';

/** A pod-template hash is a label value. */
const POD_HASH = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * The step index and pod hash a front end was given as text (query string, flags, a comment), each
 * optional (absent or empty); or what is wrong with them, worded with `names` (`stepIndex`, `--step-index`).
 */
export function parseSeenState(
  stepIndex: unknown,
  podHash: unknown,
  names: { stepIndex: string; podHash: string },
): { seen: SeenState } | { invalid: string } {
  const seen: SeenState = {};
  if (stepIndex !== undefined && stepIndex !== null && stepIndex !== '') {
    if (!/^[0-9]{1,6}$/.test(String(stepIndex)))
      return {
        invalid: `invalid ${names.stepIndex} ${JSON.stringify(stepIndex)}: must be the status.currentStepIndex read, a non-negative integer`,
      };
    seen.stepIndex = Number(stepIndex);
  }
  if (podHash !== undefined && podHash !== null && podHash !== '') {
    if (typeof podHash !== 'string' || !POD_HASH.test(podHash))
      return {
        invalid: `invalid ${names.podHash} ${JSON.stringify(podHash)}: must be the status.currentPodHash read`,
      };
    seen.podHash = podHash;
  }
  return { seen };
}

/** The state an operation is bound to, and whether the caller named it or the executor read it. */
export interface StateBinding {
  seen: SeenState;
  /** The caller named at least one field: it vouches for a look it took earlier. */
  named: boolean;
  /** metadata.generation of the first read (or of our own spec write): a spec change since then is a move. */
  generation: number;
}

/** The step index and pod hash the Rollout shows now. */
export function buildSeenState(rollout: Rollout): SeenState {
  const s = rollout.status;
  return {
    ...(s?.currentStepIndex !== undefined ? { stepIndex: s.currentStepIndex } : {}),
    ...(s?.currentPodHash ? { podHash: s.currentPodHash } : {}),
  };
}

/**
 * How soon after a promote landed another unbound promote is taken as sent before the first
 * one's effect could be seen: the time to see a Rollout move and act on it, which no click,
 * CLI or curl beats. Without it, fifty promotes from a shell loop, spread over a second as the
 * processes start, each read the state the one before had just moved on and skipped a step apiece
 * (issue 15's probe: 5 × 200, fully promoted). Only a promote moves a Rollout further each time it
 * is repeated; any other repeat finds its own effect, and another operation soon after (retry after
 * abort) is a sequence someone meant.
 */
export const REACTION_MS = 2500;

/**
 * The binding of an operation: what the caller named, the rest from what the caller can have seen.
 * That is the first read, unless another operation landed no earlier than this one arrived
 * (`arrivedAt`, ms), or, for an unbound promote after a promote (`op`), less than
 * {@link REACTION_MS} before: then the caller decided before that one had any visible effect,
 * so it is bound to the state that one was applied to, and what the controller did since counts
 * as moving on. A caller that means the state it sees now names it (`stepIndex`, `podHash`).
 */
export function buildBinding(
  rollout: Rollout,
  named: SeenState | undefined,
  arrivedAt?: number,
  op?: string,
): StateBinding {
  const record = parseOperationRecord(rollout);
  const isNamed = named?.stepIndex !== undefined || named?.podHash !== undefined;
  const repeated = !isNamed && op === 'promote' && record?.op === op;
  const unseen =
    record !== undefined &&
    arrivedAt !== undefined &&
    (repeated ? record.at > arrivedAt - REACTION_MS : record.at >= arrivedAt);
  const now = unseen ? record.seen : buildSeenState(rollout);
  const stepIndex = named?.stepIndex ?? now.stepIndex;
  const podHash = named?.podHash ?? now.podHash;
  return {
    seen: {
      ...(stepIndex !== undefined ? { stepIndex } : {}),
      ...(podHash !== undefined ? { podHash } : {}),
    },
    named: isNamed,
    generation: rollout.metadata.generation ?? 0,
  };
}

/**
 * Why `rollout` is no longer the state `binding` was made for, or undefined while it still is: its
 * step index, pod hash or spec (someone else's template edit not yet hashed) moved on. A
 * named binding also needs the controller to have acted on the latest spec: until then the step and
 * hash it shows may be about to change (a new template not yet hashed). Our own spec write
 * (`ownSpecWrite`) is the one exception, or the second half of an operation could never land.
 */
export function assessBinding(
  rollout: Rollout,
  binding: StateBinding,
  ownSpecWrite = false,
): string | undefined {
  const name = rollout.metadata.name;
  const now = buildSeenState(rollout);
  const moved: string[] = [];
  if (binding.seen.stepIndex !== now.stepIndex)
    moved.push(`step index ${show(binding.seen.stepIndex)} → ${show(now.stepIndex)}`);
  if (binding.seen.podHash !== now.podHash)
    moved.push(`pod hash ${show(binding.seen.podHash)} → ${show(now.podHash)}`);
  const generation = rollout.metadata.generation ?? 0;
  if (binding.generation !== generation)
    moved.push(`spec generation ${binding.generation} → ${generation}`);
  if (moved.length)
    return `rollout ${name} has moved on from the state this operation was meant for (${moved.join(', ')})`;
  const observed = rollout.status?.observedGeneration;
  if (binding.named && !ownSpecWrite && observed !== undefined && observed !== String(generation)) {
    return `rollout ${name} has a spec change the controller has not acted on yet (generation ${generation}, observed ${observed}): look again once it has`;
  }
  return undefined;
}

function show(value: string | number | undefined): string {
  return value === undefined ? 'none' : String(value);
}

/** Two plans write the same thing: a conflict may be retried only into the operation first planned. */
export function isSamePlan(a: unknown, b: unknown): boolean {
  // Plain JSON, not canonicalJson: a `null` in a merge patch deletes, so it must count. The planners
  // build their patches in a fixed key order.
  return JSON.stringify(a) === JSON.stringify(b);
}
