import { eventsPath, type KubeClient } from '../adapters/kube/index.js';
import type { RolloutEvent } from '../core/rollout/plan-types.js';
import type { ObjectMeta } from '../domain/objects.js';
import { isoTime } from '../domain/time.js';

const COMPONENT = 'rollouts-controller';

/** The object the events are about: a Rollout (the default) or an Experiment. */
interface Involved {
  /** `argoproj.io/v1alpha1` when absent. */
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

/**
 * Records the plan's events as core/v1 Events on the Rollout or Experiment (what `kubectl describe`
 * shows). Best effort, but not lost to a transient failure: each Event's name is derived from the
 * object's uid and the resourceVersion the plan was made from, so the client may repeat a create
 * whose answer was lost, and 409 AlreadyExists means an earlier attempt recorded it. Only one
 * reconcile commits per observed resourceVersion, so two reconciles never share a name.
 */
export async function recordEvents(
  kube: KubeClient,
  about: Involved,
  events: RolloutEvent[],
  now: number,
): Promise<void> {
  const ts = isoTime(now);
  const ns = about.metadata.namespace ?? 'default';
  await Promise.all(
    events.map(async (e, index) => {
      const body = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: await buildEventName(about, e, index), namespace: ns },
        involvedObject: {
          apiVersion: about.apiVersion ?? 'argoproj.io/v1alpha1',
          kind: about.kind ?? 'Rollout',
          name: about.metadata.name,
          namespace: ns,
          uid: about.metadata.uid,
          resourceVersion: about.metadata.resourceVersion,
        },
        reason: e.reason,
        message: e.message,
        type: e.type,
        source: { component: COMPONENT },
        reportingComponent: COMPONENT,
        firstTimestamp: ts,
        lastTimestamp: ts,
        count: 1,
      };
      try {
        await kube.create(eventsPath(ns), body);
      } catch {
        // 409 AlreadyExists: an earlier attempt recorded it. Anything else, after the client's repeats:
        // events are informational, and a failure to record one must not fail the reconcile.
      }
    }),
  );
}

/** `<object name>.<16 hex>`, as the API server's own names look; the hex is a digest of what makes the event unique. */
async function buildEventName(about: Involved, e: RolloutEvent, index: number): Promise<string> {
  const m = about.metadata;
  const key = JSON.stringify([
    about.kind ?? 'Rollout',
    m.namespace,
    m.name,
    m.uid,
    m.resourceVersion,
    index,
    e.reason,
    e.message,
  ]);
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)),
  );
  const hex = Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${m.name.slice(0, 253 - 17)}.${hex}`;
}
