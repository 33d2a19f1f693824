import type { KubeClient } from '../adapters/kube/index.js';
import type { RolloutRef } from './load-rollout.js';

/** What a write answers and a watch event carries: enough to tell one version of one object. */
export interface ObjectVersion {
  kind?: string;
  metadata?: {
    name?: string;
    uid?: string;
    resourceVersion?: string;
    ownerReferences?: ReadonlyArray<{ kind?: string; name?: string; controller?: boolean }>;
  };
}

/** The watch event types a relay delivers. */
type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

const versionKey = (o: ObjectVersion): string | undefined => {
  const { uid, resourceVersion } = o.metadata ?? {};
  return uid && resourceVersion ? `${uid}@${resourceVersion}` : undefined;
};

/**
 * The version a Rollout reconcile's write produced, when its watch echo would wake only that same
 * Rollout: the Rollout itself (claim, spec/metadata patches, status) or a ReplicaSet it controls.
 * Writes to anything else (AnalysisRuns, Experiments wake themselves too) are not remembered. Pure.
 */
export function planEchoKey(writer: RolloutRef, written: ObjectVersion): string | undefined {
  const m = written.metadata;
  if (!m) return undefined;
  const wakesOnlyWriter =
    written.kind === 'Rollout'
      ? m.name === writer.name
      : written.kind === 'ReplicaSet' &&
        !!m.ownerReferences?.some(
          (o) => o.controller && o.kind === 'Rollout' && o.name === writer.name,
        );
  return wakesOnlyWriter ? versionKey(written) : undefined;
}

/**
 * A delivered watch event that is only the echo of our own write: the object is at a version a
 * reconcile of the Rollout it wakes produced. That reconcile is always followed by another look at
 * the Rollout (a commit or a conflict re-runs it, a failure retries), which reads this version or a
 * later one, so the echo adds nothing. A change by anyone else carries another resourceVersion and
 * still wakes the Rollout; a deletion, or an event without uid and resourceVersion, always does. Pure.
 */
export function isOwnEcho(
  event: { type: EventType; object: ObjectVersion },
  written: Pick<OwnWrites, 'has'>,
): boolean {
  if (event.type === 'DELETED') return false;
  const key = versionKey(event.object);
  return key !== undefined && written.has(key);
}

/**
 * The versions our own Rollout reconciles wrote, the most recent `limit` of them (insertion order:
 * the oldest are forgotten first; a forgotten one only costs a reconcile that changes nothing).
 */
export class OwnWrites {
  private readonly keys = new Set<string>();

  constructor(private readonly limit = 10_000) {}

  add(key: string): void {
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size > this.limit) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }
}

const WRITES = ['create', 'replace', 'mergePatch', 'jsonPatch', 'apply', 'strategicPatch'] as const;

/**
 * The client a reconcile of `writer` uses: the same client, whose write answers are remembered in
 * `written` (see `planEchoKey`). Reads, deletes and evictions pass through untouched.
 */
export function recordOwnWrites(
  kube: KubeClient,
  writer: RolloutRef,
  written: OwnWrites,
): KubeClient {
  const recording = Object.create(kube) as KubeClient;
  for (const method of WRITES) {
    const write = kube[method].bind(kube) as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(recording, method, {
      value: async (...args: unknown[]) => {
        const answer = await write(...args);
        const key = planEchoKey(writer, (answer ?? {}) as ObjectVersion);
        if (key) written.add(key);
        return answer;
      },
    });
  }
  return recording;
}
