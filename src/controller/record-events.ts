import { eventsPath, type KubeClient } from '../adapters/kube/index.js';
import type { RolloutEvent } from '../core/rollout/plan-types.js';
import type { ObjectMeta } from '../domain/objects.js';

const COMPONENT = 'rollouts-controller';

/** The object the events are about: a Rollout (the default) or an Experiment. */
interface Involved {
  kind?: string;
  metadata: ObjectMeta;
}

/** Records the plan's events as core/v1 Events on the Rollout or Experiment (what `kubectl describe` shows). Best effort. */
export async function recordEvents(kube: KubeClient, about: Involved, events: RolloutEvent[], now: number): Promise<void> {
  const ts = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const ns = about.metadata.namespace ?? 'default';
  await Promise.all(
    events.map(async (e) => {
      const body = {
        apiVersion: 'v1',
        kind: 'Event',
        // The API server names it: two reconciles within one millisecond must not collide (and lose an event).
        metadata: { generateName: `${about.metadata.name}.`, namespace: ns },
        involvedObject: { apiVersion: 'argoproj.io/v1alpha1', kind: about.kind ?? 'Rollout', name: about.metadata.name, namespace: ns, uid: about.metadata.uid, resourceVersion: about.metadata.resourceVersion },
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
        // Events are informational: a failure to record one must not fail the reconcile.
      }
    }),
  );
}
