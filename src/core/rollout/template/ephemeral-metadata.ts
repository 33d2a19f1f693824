import { ANNOTATIONS } from '../../../domain/index.js';
import { isRecord } from '../../../domain/json.js';
import type { ReplicaSet } from '../../../domain/index.js';

/** The pod metadata the controller injected into an RS template, as recorded on the RS (spec §1.6, §1.10). */
export interface EphemeralMetadata {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * Reads the RS annotation `rollout.argoproj.io/ephemeral-metadata` (JSON `{labels?, annotations?}`).
 * Absent or unparseable ⇒ nothing injected: a garbled annotation must not make matching throw.
 */
export function parseEphemeralMetadata(rs: ReplicaSet | undefined): EphemeralMetadata {
  const raw = rs?.metadata.annotations?.[ANNOTATIONS.ephemeralMetadata];
  if (!raw) return { labels: {}, annotations: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { labels: {}, annotations: {} };
  }
  if (!isRecord(parsed)) return { labels: {}, annotations: {} };
  return { labels: stringMap(parsed.labels), annotations: stringMap(parsed.annotations) };
}
