import type { AnalysisPhase, Argument } from './analysis.js';
import type { LabelSelector, ObjectMeta, PodTemplateSpec } from './objects.js';

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
