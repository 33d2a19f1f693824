/** Annotation keys on an Experiment's ReplicaSets (spec §1.10: "Experiment RS"). */
export const EXPERIMENT_ANNOTATIONS = {
  name: 'experiment.argoproj.io/name',
  templateName: 'experiment.argoproj.io/template-name',
} as const;

/** Experiment defaults (spec §3). */
export const EXPERIMENT_DEFAULTS = {
  replicas: 1,
  progressDeadlineSeconds: 600,
  scaleDownDelaySeconds: 30,
} as const;
