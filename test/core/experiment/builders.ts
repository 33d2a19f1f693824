import type { AnalysisTemplateSpec, ReplicaSet } from '../../../src/domain/index.js';
import {
  buildTemplateReplicaSet,
  type ObservedExperiment,
} from '../../../src/core/experiment/index.js';
import type {
  Experiment,
  ExperimentSpec,
  ExperimentStatus,
} from '../../../src/domain/experiment.js';

export const T0 = Date.parse('2026-01-02T03:00:00Z');

export function anExperiment(
  spec: Partial<ExperimentSpec> = {},
  status?: ExperimentStatus,
): Experiment {
  const templates = spec.templates ?? [
    {
      name: 'a',
      selector: { matchLabels: { v: 'a' } },
      template: {
        metadata: { labels: { v: 'a' } },
        spec: { containers: [{ name: 'c', image: 'x:1' }] },
      },
    },
  ];
  return {
    metadata: { name: 'ex', namespace: 'default', uid: 'ex-uid' },
    spec: { ...spec, templates },
    ...(status ? { status } : {}),
  };
}

/** The template's RS as the cluster would show it: `size` replicas, `available` of them available. */
export function aTemplateRS(
  ex: Experiment,
  template: string,
  size: number,
  available = size,
  annotations: Record<string, string> = {},
): ReplicaSet {
  const t = ex.spec.templates.find((x) => x.name === template);
  if (!t) throw new Error(`no template ${template}`);
  const rs = buildTemplateReplicaSet(ex, t);
  rs.spec.replicas = size;
  rs.metadata.annotations = { ...rs.metadata.annotations, ...annotations };
  rs.status = { replicas: size, readyReplicas: available, availableReplicas: available };
  return rs;
}

export function observe(
  ex: Experiment,
  o: Partial<Omit<ObservedExperiment, 'experiment'>> = {},
): ObservedExperiment {
  return {
    experiment: ex,
    replicaSets: [],
    services: [],
    analysisRuns: [],
    templates: new Map<string, AnalysisTemplateSpec | undefined>(),
    now: T0,
    ...o,
  };
}
