/**
 * The view of one Rollout that `get rollout`, `list rollouts` and the dashboard show (spec §5):
 * plain JSON data, built from the observed objects at a given time, with no text layout in it.
 * Status words and icons are upstream's (`✔ Healthy`, `◌ Progressing`, `॥ Paused`, `✖ Degraded`…).
 */
import type { Icon } from './icons.js';

export interface ObjectInfo {
  name: string;
  namespace: string;
  uid?: string;
  /** metadata.creationTimestamp as the API gave it. */
  createdAt?: string;
  /** Whole seconds since createdAt at the time the info was built. */
  ageSeconds?: number;
}

export interface PodInfo extends ObjectInfo {
  /** kubectl's STATUS word: Running, Pending, ContainerCreating, ImagePullBackOff, Terminating… */
  status: string;
  icon: Icon;
  /** `<ready containers>/<containers>`. */
  ready: string;
  restarts: number;
}

export interface ReplicaSetInfo extends ObjectInfo {
  /** Healthy, Progressing, ScaledDown or ReplicaFailure. */
  status: string;
  icon: Icon;
  revision: number;
  /** status.replicas and status.availableReplicas. */
  replicas: number;
  available: number;
  stable: boolean;
  canary: boolean;
  active: boolean;
  preview: boolean;
  ping: boolean;
  pong: boolean;
  /** An Experiment's ReplicaSet: the template it runs (`experiment.argoproj.io/template-name`). */
  template?: string;
  images: string[];
  initContainerImages: string[];
  /** The `scale-down-deadline` annotation, and the whole seconds left until it (≤ 0: passed). */
  scaleDownDeadline?: string;
  scaleDownDelaySeconds?: number;
  pods: PodInfo[];
}

export interface JobInfo extends ObjectInfo {
  status: string;
  icon: Icon;
}

export interface AnalysisRunInfo extends ObjectInfo {
  /** The run's phase (Pending, Running, Successful, Failed, Error, Inconclusive). */
  status: string;
  icon: Icon;
  revision: number;
  /** Measurement counts summed over the metrics. */
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  jobs: JobInfo[];
}

export interface ExperimentInfo extends ObjectInfo {
  status: string;
  icon: Icon;
  message: string;
  revision: number;
  replicaSets: ReplicaSetInfo[];
  analysisRuns: AnalysisRunInfo[];
}

export interface ImageInfo {
  image: string;
  /** stable, canary, active, preview, or `Σ:<template>` for an Experiment's pods; sorted. */
  tags: string[];
}

/** The objects of one revision, as the tree groups them (newest revision first). */
export interface RevisionInfo {
  revision: number;
  replicaSets: ReplicaSetInfo[];
  experiments: ExperimentInfo[];
  analysisRuns: AnalysisRunInfo[];
}

export type Strategy = 'Canary' | 'BlueGreen' | 'Unknown';

/** The columns `list rollouts` prints: everything here comes from the Rollout object alone. */
export interface RolloutSummary {
  name: string;
  namespace: string;
  strategy: Strategy;
  /** Healthy, Progressing, Paused or Degraded, as a client reads them (spec §1.9). */
  status: string;
  message: string;
  icon: Icon;
  /** `<currentStepIndex>/<steps>`; absent without steps or before the controller set an index. */
  step?: string;
  /** Canary only: the weight the current step asks for (not the weight traffic has). */
  setWeight?: number;
  desired: number;
  current: number;
  updated: number;
  ready: number;
  available: number;
}

export interface RolloutInfo extends RolloutSummary, ObjectInfo {
  /** Canary only: the canary's share of available pods (basic canary) or its traffic weight. */
  actualWeight?: number;
  images: ImageInfo[];
  revisions: RevisionInfo[];
  /** InvalidSpec messages and, once aborted, the messages of the analysis runs that failed. */
  errors: string[];
}
