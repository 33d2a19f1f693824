import { ANNOTATIONS } from '../../domain/keys.js';
import { type Hint, hintKey } from '../../domain/hint.js';
import { isRecord } from '../../domain/json.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface DeliveredEvent {
  type: WatchEventType;
  object: DeliveredObject;
}

interface OwnerRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
  controller?: boolean;
}

interface DeliveredObject {
  apiVersion?: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    ownerReferences?: OwnerRef[];
    annotations?: Record<string, string>;
  };
}

export const MAX_EVENTS_PER_DELIVERY = 5000;
const TYPES: ReadonlySet<string> = new Set(['ADDED', 'MODIFIED', 'DELETED']);
const ARGO_GROUP = 'argoproj.io/';

/** A delivery body `{type, object}` or `{events: [...]}` as events, or the reason it is malformed. */
export function parseDelivery(body: unknown): { events: DeliveredEvent[] } | { error: string } {
  if (!isRecord(body)) return { error: 'body must be a JSON object' };
  const raw = Array.isArray(body.events) ? body.events : 'events' in body ? undefined : [body];
  if (raw === undefined) return { error: '`events` must be an array' };
  if (raw.length > MAX_EVENTS_PER_DELIVERY)
    return { error: `a delivery holds at most ${MAX_EVENTS_PER_DELIVERY} events` };
  const events: DeliveredEvent[] = [];
  for (const [i, e] of raw.entries()) {
    const problem = eventProblem(e);
    if (problem) return { error: raw === body.events ? `events[${i}]: ${problem}` : problem };
    events.push(e as DeliveredEvent);
  }
  return { events };
}

function eventProblem(e: unknown): string | undefined {
  if (!isRecord(e)) return 'an event must be an object';
  if (typeof e.type !== 'string' || !TYPES.has(e.type))
    return '`type` must be ADDED, MODIFIED or DELETED';
  const o = e.object;
  if (!isRecord(o) || typeof o.kind !== 'string') return '`object.kind` must be a string';
  if (o.apiVersion !== undefined && typeof o.apiVersion !== 'string')
    return '`object.apiVersion` must be a string';
  const m = o.metadata;
  if (!isRecord(m) || typeof m.name !== 'string' || m.name === '')
    return '`object.metadata.name` must be a non-empty string';
  if (m.namespace !== undefined && typeof m.namespace !== 'string')
    return '`object.metadata.namespace` must be a string';
  if (
    m.ownerReferences !== undefined &&
    !(Array.isArray(m.ownerReferences) && m.ownerReferences.every(isRecord))
  )
    return '`object.metadata.ownerReferences` must be an array of objects';
  if (m.annotations !== undefined && !isRecord(m.annotations))
    return '`object.metadata.annotations` must be an object';
  return undefined;
}

/** The distinct hints (`src/domain/hint.ts`) for a delivery's events, in first-seen order. */
export function buildHints(events: DeliveredEvent[]): Hint[] {
  const seen = new Map<string, Hint>();
  for (const e of events) {
    // An AnalysisRun or Experiment owned by a Rollout wakes both: it does its own work, the Rollout reacts.
    if (
      (e.object.kind === 'AnalysisRun' || e.object.kind === 'Experiment') &&
      e.object.metadata.namespace &&
      e.type !== 'DELETED'
    ) {
      const own: Hint = {
        kind: e.object.kind,
        namespace: e.object.metadata.namespace,
        name: e.object.metadata.name,
      };
      seen.set(hintKey(own), own);
    }
    const h = hintFor(e.object);
    const key = h && hintKey(h);
    if (h && key && !seen.has(key)) seen.set(key, h);
  }
  return [...seen.values()];
}

/**
 * One object → what to reconcile. Rollouts name themselves; ReplicaSets, AnalysisRuns, Experiments
 * and Services name the Rollout that owns (or, for Services, manages) them; standalone AnalysisRuns
 * and Experiments name themselves; Pods name their ReplicaSet. Anything else is not ours: no hint.
 */
export function hintFor(o: DeliveredObject): Hint | undefined {
  const namespace = o.metadata.namespace;
  if (!namespace) return undefined;
  const at = (kind: Hint['kind'], name: string): Hint => ({ kind, namespace, name });
  const rollout = ownerName(o, 'Rollout', ARGO_GROUP);
  switch (o.kind) {
    case 'Rollout':
      return isGroup(o, ARGO_GROUP) ? at('Rollout', o.metadata.name) : undefined;
    case 'AnalysisRun':
    case 'Experiment': {
      if (!isGroup(o, ARGO_GROUP)) return undefined;
      if (rollout) return at('Rollout', rollout);
      const experiment =
        o.kind === 'AnalysisRun' ? ownerName(o, 'Experiment', ARGO_GROUP) : undefined;
      return experiment ? at('Experiment', experiment) : at(o.kind, o.metadata.name);
    }
    case 'ReplicaSet': {
      if (!isGroup(o, 'apps/')) return undefined;
      // An Experiment's template ReplicaSet wakes its Experiment (spec §3).
      const experiment = rollout ? undefined : ownerName(o, 'Experiment', ARGO_GROUP);
      return rollout
        ? at('Rollout', rollout)
        : experiment
          ? at('Experiment', experiment)
          : undefined;
    }
    case 'Service': {
      if (!isGroup(o, 'v1')) return undefined;
      const target = o.metadata.annotations?.[ANNOTATIONS.managedBy] || rollout;
      const experiment = target ? undefined : ownerName(o, 'Experiment', ARGO_GROUP);
      return target ? at('Rollout', target) : experiment ? at('Experiment', experiment) : undefined;
    }
    case 'Job': {
      // A job metric's Job names its AnalysisRun, which takes the next measurement.
      const run = ownerName(o, 'AnalysisRun', ARGO_GROUP);
      return isGroup(o, 'batch/') && run ? at('AnalysisRun', run) : undefined;
    }
    case 'Deployment':
      // A Rollout's workloadRef may name it; the handler finds which Rollouts do.
      return isGroup(o, 'apps/') ? at('Deployment', o.metadata.name) : undefined;
    case 'Pod': {
      const rs = ownerName(o, 'ReplicaSet', 'apps/');
      return isGroup(o, 'v1') && rs ? at('ReplicaSet', rs) : undefined;
    }
    default:
      return undefined;
  }
}

/** Relays fill in apiVersion; when it is absent the kind alone decides. */
function isGroup(o: DeliveredObject, prefix: string): boolean {
  return (
    o.apiVersion === undefined ||
    (prefix === 'v1' ? o.apiVersion === 'v1' : o.apiVersion.startsWith(prefix))
  );
}

/** The controller owner of `kind` (or, failing that, any owner of that kind) in the given group. */
function ownerName(o: DeliveredObject, kind: string, groupPrefix: string): string | undefined {
  const refs = (o.metadata.ownerReferences ?? []).filter(
    (r) =>
      r.kind === kind && typeof r.name === 'string' && (r.apiVersion ?? '').startsWith(groupPrefix),
  );
  return (refs.find((r) => r.controller === true) ?? refs[0])?.name;
}
