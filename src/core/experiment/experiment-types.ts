import type { AnalysisRun, AnalysisTemplateSpec } from '../../domain/analysis.js';
import type { Experiment, ExperimentStatus } from '../../domain/experiment.js';
import type { ReplicaSet, Service } from '../../domain/objects.js';

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
