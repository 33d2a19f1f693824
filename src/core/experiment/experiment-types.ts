import type {
  AnalysisPhase,
  AnalysisRun,
  AnalysisTemplateSpec,
  Argument,
} from '../../domain/analysis.js';
import type {
  LabelSelector,
  ObjectMeta,
  PodTemplateSpec,
  ReplicaSet,
  Service,
} from '../../domain/objects.js';

/** argoproj.io/v1alpha1 Experiment (spec §3), as far as the planner reads and writes it. */
export interface Experiment {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: ExperimentSpec;
  status?: ExperimentStatus;
}

export interface ExperimentTemplate {
  name: string;
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  service?: { name?: string };
}

export interface ExperimentAnalysis {
  name: string;
  templateName: string;
  clusterScope?: boolean;
  requiredForCompletion?: boolean;
  args?: Argument[];
}

export interface ExperimentSpec {
  templates: ExperimentTemplate[];
  duration?: string | number;
  progressDeadlineSeconds?: number;
  scaleDownDelaySeconds?: number;
  terminate?: boolean;
  analyses?: ExperimentAnalysis[];
  dryRun?: Array<{ metricName: string }>;
  measurementRetention?: Array<{ metricName: string; limit: number }>;
  analysisRunMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

/** Template status codes (spec §3 status). */
export type TemplateStatusCode = 'Progressing' | 'Running' | 'Successful' | 'Failed' | 'Error';

export interface TemplateStatus {
  name: string;
  replicas: number;
  updatedReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  collisionCount?: number;
  status: TemplateStatusCode;
  message?: string;
  lastTransitionTime?: string;
  serviceName?: string;
  podTemplateHash?: string;
}

export interface ExperimentAnalysisRunStatus {
  name: string;
  /** Absent when the run could not be created (a missing template, bad args). */
  analysisRun?: string;
  phase: AnalysisPhase;
  message?: string;
}

export interface ExperimentCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface ExperimentStatus {
  phase?: AnalysisPhase;
  message?: string;
  availableAt?: string;
  templateStatuses?: TemplateStatus[];
  analysisRuns?: ExperimentAnalysisRunStatus[];
  conditions?: ExperimentCondition[];
}

/** Everything one Experiment reconcile observed (DESIGN §3 step 1). */
export interface ObservedExperiment {
  experiment: Experiment;
  /** ReplicaSets the Experiment owns. */
  replicaSets: ReplicaSet[];
  /** Services the Experiment owns. */
  services: Service[];
  /** AnalysisRuns the Experiment owns. */
  analysisRuns: AnalysisRun[];
  /** AnalysisTemplates by name, ClusterAnalysisTemplates by `cluster/<name>`; undefined when missing. */
  templates: Map<string, AnalysisTemplateSpec | undefined>;
  /** Current time, ms since epoch. */
  now: number;
}

/** Idempotent actions an Experiment reconcile asks for; names are deterministic. */
export type ExperimentAction =
  | { kind: 'createReplicaSet'; replicaSet: ReplicaSet }
  | { kind: 'patchReplicaSet'; name: string; patch: Record<string, unknown> }
  | { kind: 'createService'; service: Service }
  | { kind: 'deleteService'; name: string; uid?: string }
  | { kind: 'createAnalysisRun'; run: AnalysisRun }
  | { kind: 'terminateAnalysisRun'; name: string };

export interface ExperimentEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface ExperimentPlan {
  actions: ExperimentAction[];
  status: ExperimentStatus;
  events: ExperimentEvent[];
  nextReconcileAt?: number;
  reason: string;
}
