import type { IntOrString, LabelSelector, ObjectMeta, PodTemplateSpec } from './objects.js';

/** argoproj.io/v1alpha1 Rollout, as far as the core reads it (spec §1.1–1.5, §1.9). */
export interface Rollout {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: RolloutSpec;
  status?: RolloutStatus;
}

export interface RolloutSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  workloadRef?: { apiVersion?: string; kind?: string; name?: string; scaleDown?: string };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
  progressDeadlineAbort?: boolean;
  restartAt?: string;
  rollbackWindow?: { revisions?: number };
  analysis?: { successfulRunHistoryLimit?: number; unsuccessfulRunHistoryLimit?: number };
  strategy?: { canary?: CanaryStrategy; blueGreen?: BlueGreenStrategy };
}

export interface CanaryStep {
  setWeight?: number;
  pause?: { duration?: IntOrString };
  setCanaryScale?: { replicas?: number; weight?: number; matchTrafficWeight?: boolean };
  analysis?: Record<string, unknown>;
  experiment?: Record<string, unknown>;
  setHeaderRoute?: { name?: string; match?: unknown[] };
  setMirrorRoute?: { name?: string; percentage?: number; match?: unknown[] };
  plugin?: { name?: string; config?: unknown };
}

export interface ReplicaProgressThreshold {
  type?: 'Percent' | 'Pods';
  value?: number;
}

export interface CanaryStrategy {
  canaryService?: string;
  stableService?: string;
  steps?: CanaryStep[];
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  analysis?: Record<string, unknown>;
  antiAffinity?: Record<string, unknown>;
  canaryMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  stableMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  trafficRouting?: Record<string, unknown> & {
    maxTrafficWeight?: number;
    managedRoutes?: Array<{ name: string }>;
  };
  scaleDownDelaySeconds?: number;
  scaleDownDelayRevisionLimit?: number;
  abortScaleDownDelaySeconds?: number;
  dynamicStableScale?: boolean;
  pingPong?: { pingService?: string; pongService?: string };
  minPodsPerReplicaSet?: number;
  replicaProgressThreshold?: ReplicaProgressThreshold;
}

export interface BlueGreenStrategy {
  activeService?: string;
  previewService?: string;
  previewReplicaCount?: number;
  autoPromotionEnabled?: boolean;
  autoPromotionSeconds?: number;
  maxUnavailable?: IntOrString;
  scaleDownDelaySeconds?: number;
  scaleDownDelayRevisionLimit?: number;
  abortScaleDownDelaySeconds?: number;
  prePromotionAnalysis?: Record<string, unknown>;
  postPromotionAnalysis?: Record<string, unknown>;
  antiAffinity?: Record<string, unknown>;
  previewMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  activeMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

export type ConditionType =
  | 'Progressing'
  | 'Available'
  | 'Healthy'
  | 'Completed'
  | 'Paused'
  | 'InvalidSpec'
  | 'ReplicaFailure';

export interface RolloutCondition {
  type: ConditionType | string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastUpdateTime: string;
  lastTransitionTime: string;
}

export type PauseReason =
  'CanaryPauseStep' | 'BlueGreenPause' | 'InconclusiveAnalysisRun' | 'InconclusiveExperiment';

export interface PauseCondition {
  reason: PauseReason;
  startTime: string;
}

export type RolloutPhase = 'Healthy' | 'Progressing' | 'Paused' | 'Degraded';

export interface RolloutStatus {
  phase?: RolloutPhase;
  message?: string;
  observedGeneration?: string;
  currentPodHash?: string;
  currentStepHash?: string;
  currentStepIndex?: number;
  stableRS?: string;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  HPAReplicas?: number;
  selector?: string;
  collisionCount?: number;
  pauseConditions?: PauseCondition[];
  controllerPause?: boolean;
  abort?: boolean;
  abortedAt?: string;
  promoteFull?: boolean;
  restartedAt?: string;
  conditions?: RolloutCondition[];
  canary?: {
    weights?: unknown;
    currentStepAnalysisRunStatus?: unknown;
    currentBackgroundAnalysisRunStatus?: unknown;
    currentExperiment?: string;
    stablePingPong?: string;
    [key: string]: unknown;
  };
  blueGreen?: {
    activeSelector?: string;
    previewSelector?: string;
    scaleUpPreviewCheckPoint?: boolean;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}
