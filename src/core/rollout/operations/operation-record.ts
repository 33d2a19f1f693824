import { isRecord, parseJsonOrUndefined } from '../../../domain/json.js';
import { OWN, type Rollout } from '../../../domain/index.js';
import type { SeenState } from './seen-state.js';

/** The state an operation was applied to, when (ms) and which one, kept in {@link OWN.lastOperation}. */
export interface OperationRecord {
  seen: SeenState;
  at: number;
  op?: string;
}

export function buildOperationRecord(seen: SeenState, at: number, op: string): string {
  return JSON.stringify({ ...seen, at, op });
}

/** The Rollout's last operation record; undefined when there is none or it is not ours to read. */
export function parseOperationRecord(rollout: Rollout): OperationRecord | undefined {
  const text = rollout.metadata.annotations?.[OWN.lastOperation];
  if (text === undefined) return undefined;
  const v = parseJsonOrUndefined(text);
  if (!isRecord(v) || typeof v.at !== 'number') return undefined;
  const seen: SeenState = {
    ...(typeof v.stepIndex === 'number' ? { stepIndex: v.stepIndex } : {}),
    ...(typeof v.podHash === 'string' ? { podHash: v.podHash } : {}),
  };
  return { seen, at: v.at, ...(typeof v.op === 'string' ? { op: v.op } : {}) };
}
