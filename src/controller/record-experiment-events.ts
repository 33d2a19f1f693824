import { eventsPath, type KubeClient } from '../adapters/kube/index.js';
import type { Experiment, ExperimentEvent } from '../core/experiment/index.js';
import { isoTime } from '../core/experiment/experiment-context.js';

const COMPONENT = 'rollouts-controller';

/** Records an Experiment plan's events as core/v1 Events on the Experiment. Best effort. */
export async function recordExperimentEvents(kube: KubeClient, ex: Experiment, events: ExperimentEvent[], now: number): Promise<void> {
  const ts = isoTime(now);
  const ns = ex.metadata.namespace ?? 'default';
  await Promise.all(
    events.map(async (e) => {
      const body = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { generateName: `${ex.metadata.name}.`, namespace: ns },
        involvedObject: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Experiment', name: ex.metadata.name, namespace: ns, uid: ex.metadata.uid, resourceVersion: ex.metadata.resourceVersion },
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
