import { EXPERIMENT_ANNOTATIONS, EXPERIMENT_DEFAULTS } from '../../domain/experiment-keys.js';
import { LABELS, OWN, type ReplicaSet } from '../../domain/index.js';
import { computePodTemplateHash } from '../rollout/template/index.js';
import type { Experiment, ExperimentTemplate } from '../../domain/experiment.js';
import type { ObservedExperiment } from './experiment-types.js';

/** `<experiment>-<template>` (spec §1.10, "Experiment RS"). */
export function templateReplicaSetName(ex: Experiment, t: ExperimentTemplate): string {
  return `${ex.metadata.name}-${t.name}`;
}

export function desiredTemplateReplicas(t: ExperimentTemplate): number {
  return t.replicas ?? EXPERIMENT_DEFAULTS.replicas;
}

/** The template's own pod template hash (it differs from any Rollout's). */
export function templateHash(t: ExperimentTemplate, collisionCount?: number): string {
  return computePodTemplateHash(t.template ?? {}, collisionCount);
}

/** The owned ReplicaSet running template `t`: by its template-name annotation, else by name. */
export function findTemplateReplicaSet(
  o: ObservedExperiment,
  t: ExperimentTemplate,
): ReplicaSet | undefined {
  const byAnnotation = o.replicaSets.find(
    (rs) => rs.metadata.annotations?.[EXPERIMENT_ANNOTATIONS.templateName] === t.name,
  );
  return (
    byAnnotation ??
    o.replicaSets.find((rs) => rs.metadata.name === templateReplicaSetName(o.experiment, t))
  );
}

/**
 * The ReplicaSet for template `t` at 0 replicas (spec §3 step 1; scaled up by a later pass): pod
 * labels and selector carry the template's hash; annotations name the experiment and template.
 */
export function buildTemplateReplicaSet(
  ex: Experiment,
  t: ExperimentTemplate,
  collisionCount?: number,
): ReplicaSet {
  const hash = templateHash(t, collisionCount);
  const template = structuredClone(t.template ?? {});
  template.metadata = {
    ...template.metadata,
    labels: { ...template.metadata?.labels, [LABELS.podTemplateHash]: hash },
  };
  const selector = t.selector ?? {};
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: templateReplicaSetName(ex, t),
      namespace: ex.metadata.namespace,
      labels: { ...template.metadata.labels, ...ownLabel(ex) },
      annotations: {
        [EXPERIMENT_ANNOTATIONS.name]: ex.metadata.name,
        [EXPERIMENT_ANNOTATIONS.templateName]: t.name,
      },
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Experiment',
          name: ex.metadata.name,
          uid: ex.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 0,
      minReadySeconds: t.minReadySeconds ?? 0,
      selector: {
        ...selector,
        matchLabels: { ...selector.matchLabels, [LABELS.podTemplateHash]: hash },
      },
      template,
    },
  };
}

/** The label an Experiment's objects carry (our prefix), so its reconcile lists them by label. */
export function ownLabel(ex: Experiment): Record<string, string> {
  return ex.metadata.uid ? { [OWN.experimentUid]: ex.metadata.uid } : {};
}
