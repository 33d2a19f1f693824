import type {
  AnalysisRun,
  AnalysisTemplateSpec,
  Experiment,
  LabelSelector,
  Pod,
  PodDisruptionBudget,
  PodTemplateSpec,
  ReplicaSet,
  Rollout,
  RolloutStatus,
  Service,
} from '../../domain/index.js';
import type { ObjectWrite, Observed } from '../../providers/traffic/index.js';
import type { PlanEnd } from './plan-end.js';
import type { ReleaseHoldMark, StopSwitch } from '../../domain/fleet.js';

/** The object a `workloadRef` names, as the shell loaded it (undefined when it does not exist). */
export interface ReferencedWorkload {
  kind: string;
  object?: {
    metadata: { name: string; generation?: number };
    spec?: { replicas?: number; selector?: LabelSelector; template?: PodTemplateSpec };
    template?: PodTemplateSpec;
  };
}

/** Everything one reconcile observed, as loaded by the controller shell (DESIGN §3 step 1). */
export interface ObservedRollout {
  rollout: Rollout;
  /** ReplicaSets owned by the Rollout. */
  replicaSets: ReplicaSet[];
  /** The Services the strategy names, by name; undefined when missing. */
  services: Map<string, Service | undefined>;
  /** Pods of the Rollout; only loaded while a restart is pending or ephemeral metadata is in play. */
  pods?: Pod[];
  pdbs?: PodDisruptionBudget[];
  /** The object `spec.workloadRef` names, when it is set. */
  workload?: ReferencedWorkload;
  /** AnalysisRuns owned by the Rollout. */
  analysisRuns?: AnalysisRun[];
  /** Referenced AnalysisTemplates by name, and ClusterAnalysisTemplates by `cluster/<name>` (undefined when missing). */
  templates?: Map<string, AnalysisTemplateSpec | undefined>;
  /** Experiments owned by the Rollout; loaded when it has experiment steps. */
  experiments?: Experiment[];
  /** The objects the traffic routers asked to read (Ingresses, VirtualServices…), by `refKey`; undefined when missing. */
  traffic?: Observed;
  /** The stop switch covering the Rollout, read only when a plan would move it (issue 21 §5). */
  hold?: StopSwitch;
  /**
   * A fleet release's hold (issue 21 §3, §4): annotation `OWN.releaseHold` of the Rollout, parsed
   * by the controller (release-hold.ts `parseReleaseHold`); absent when there is none.
   */
  releaseHold?: ReleaseHoldMark;
  /** Current time, ms since epoch. The core never reads a clock. */
  now: number;
}

/** Idempotent desired-state actions (DESIGN §3 step 4); names are deterministic so retries are harmless. */
export type Action =
  | { kind: 'patchRollout'; patch: Record<string, unknown> }
  | { kind: 'createReplicaSet'; replicaSet: ReplicaSet }
  | { kind: 'patchReplicaSet'; name: string; patch: Record<string, unknown> }
  | { kind: 'deleteReplicaSet'; name: string; uid?: string }
  | { kind: 'patchService'; name: string; patch: Record<string, unknown> }
  | { kind: 'evictPod'; name: string }
  | { kind: 'scaleWorkload'; workloadKind: 'Deployment'; name: string; replicas: number }
  | { kind: 'createAnalysisRun'; run: AnalysisRun }
  | { kind: 'terminateAnalysisRun'; name: string }
  | { kind: 'deleteAnalysisRun'; name: string }
  | { kind: 'patchPod'; name: string; patch: Record<string, unknown> }
  /** A traffic router's write to a routed object (spec §4.2), guarded by the resourceVersion it observed. */
  | { kind: 'trafficWrite'; router: string; write: ObjectWrite }
  | { kind: 'createExperiment'; experiment: Experiment }
  | { kind: 'terminateExperiment'; name: string }
  | { kind: 'deleteExperiment'; name: string };

export interface RolloutEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** The decision of one reconcile: actions, the complete new status, events, and when to look again. */
export interface Plan {
  actions: Action[];
  status: RolloutStatus;
  events: RolloutEvent[];
  /** Wake-up time in ms (pause expiry, deadlines); undefined when only a change will move the Rollout. */
  nextReconcileAt?: number;
  /** Why the plan ends where it does (spec vocabulary), for tests and metrics. */
  end: PlanEnd;
  /** The same, as the log line. */
  reason: string;
}
