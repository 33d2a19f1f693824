/**
 * Fleet releases (issue 21): the vocabulary the pure core (src/core/fleet) and the controller both
 * speak. A Release is a resource of the project's own API group, kept in a home cluster; its status
 * is the whole progress of one commit of one GitOps source across the fleet's waves.
 */

/** The project's own API group (its annotations use the same name as a prefix, see keys.ts `OWN`). */
export const RELEASE_RESOURCE = {
  group: 'rollouts.serverless.dev',
  version: 'v1alpha1',
  kind: 'Release',
  plural: 'releases',
} as const;

/** A secret given by the name of the environment variable (Node) or binding (Workers) holding it. */
export interface SecretRef {
  env: string;
}

export type ClusterAuth =
  | { kind: 'token'; token: SecretRef }
  | { kind: 'clientCertificate'; certificate: SecretRef; key: SecretRef }
  /** Cloudflare Tunnel/Access in front of the API server: service-token headers, values by reference. */
  | { kind: 'headers'; headers: Readonly<Record<string, SecretRef>> };

export interface FleetCluster {
  /** A DNS label: names the cluster in waves, stop switches, GitHub environments and kube contexts. */
  name: string;
  /** The API server's URL (https, or http on loopback). */
  server: string;
  auth: ClusterAuth;
  /** The API server's CA bundle (PEM), by reference; absent: publicly trusted. */
  caData?: SecretRef;
}

export type OnFailure = 'halt' | 'abortAll';

export interface Wave {
  clusters: string[];
  /** How long the wave stays Healthy before the next one gets the commit; 0: none. */
  soakSeconds: number;
  /** Rollouts of the wave advance past each pause only together. */
  lockstep: boolean;
}

export type WindowKind = 'allow' | 'deny';

export interface ReleaseWindow {
  kind: WindowKind;
  /** Five-field cron text as configured; parsed once with the configuration. */
  schedule: string;
  durationMs: number;
  /** IANA zone the schedule is read in; default UTC. */
  timeZone: string;
  /** Absent: every cluster (namespace). */
  clusters?: string[];
  namespaces?: string[];
}

export interface Freeze {
  fromMs: number;
  untilMs: number;
  reason: string;
  clusters?: string[];
  namespaces?: string[];
}

/** Windows and freezes, as `assessWindow` reads them. */
export interface WindowConfig {
  windows: ReleaseWindow[];
  freezes: Freeze[];
}

export interface FleetConfig extends WindowConfig {
  clusters: FleetCluster[];
  /** The cluster whose API holds the Release resources; absent: the controller's own connection. */
  home?: string;
}

/** "Stop the line", set from the CLI, the API or a GitHub comment; honoured by every reconcile. */
export interface StopSwitch {
  scope: 'fleet' | 'cluster' | 'namespace';
  /** Required for scope `cluster`; for scope `namespace`, absent means that namespace everywhere. */
  cluster?: string;
  namespace?: string;
  by: string;
  reason: string;
  /** RFC 3339. */
  at: string;
}

/** What the controller reads of one Rollout in one cluster for the planner. */
export interface RolloutSummary {
  cluster: string;
  namespace: string;
  name: string;
  /** `rollout.argoproj.io/revision`. */
  revision: number;
  phase: 'Healthy' | 'Progressing' | 'Paused' | 'Degraded' | undefined;
  aborted: boolean;
  /** Every AnalysisRun of the current revision so far is Successful (none failed or inconclusive). */
  analysesPassed: boolean;
  stepIndex: number | undefined;
  paused: boolean;
  /** The commit of the Rollout's last Git-synced update (its GitHub deployment record's sha). */
  commit?: string;
  /** status.observedGeneration has reached that update's generation: phase speaks of it. */
  statusCurrent: boolean;
  /** The hold a release has put on the Rollout, as the Rollout carries it now (absent: none). */
  releaseHold?: HoldMode;
}

/** One cluster as read for a plan; a cluster missing from the list was not read and keeps its state. */
export interface ClusterObservation {
  cluster: string;
  /** The commit the source's copy in this cluster last applied (its sync inventory). */
  appliedCommit?: string;
  rollouts: RolloutSummary[];
}

export type ReleasePhase = 'Progressing' | 'Held' | 'Succeeded' | 'Failed' | 'Superseded';

export type ClusterReleaseState =
  'pending' | 'delivering' | 'progressing' | 'healthy' | 'failed' | 'aborted';

export interface ReleaseHold {
  kind: 'window' | 'freeze' | 'stop';
  reason: string;
  /** RFC 3339; when the gate is next assessed to open (absent: until cleared, for a stop switch). */
  until?: string;
}

/** `step`: no step advances (windows, freezes, stop); `pause`: pauses end only by promotion (lockstep). */
export type HoldMode = 'step' | 'pause';

/**
 * What a release writes on a Rollout it holds: the JSON value of annotation `OWN.releaseHold`.
 * Removing the annotation releases it.
 */
export interface ReleaseHoldMark {
  mode: HoldMode;
  /** The Release's name (`<source>-<commit 7>`). */
  release: string;
  /** Why, for `status.message`: e.g. "deny window \"weekend\"" or "lockstep with its peers". */
  reason: string;
  /** RFC 3339: when the gate is next assessed to open; absent: until cleared. */
  until?: string;
}

export interface ReleaseRolloutStatus {
  namespace: string;
  name: string;
  revision: number;
  phase?: string;
  /** The hold the release has put on this Rollout (absent: none). */
  held?: HoldMode;
  /**
   * The hold last read on the Rollout (absent: none). A change of it means an action ran whose
   * status was never written (a handler died in between): `held` follows what was read.
   */
  observedHold?: HoldMode;
  /** Lockstep: the pause step this Rollout was last promoted past by the release. */
  promotedStep?: number;
  /** `onFailure: abortAll` asked this Rollout to abort. */
  abortRequested?: boolean;
}

export interface ClusterReleaseStatus {
  name: string;
  state: ClusterReleaseState;
  deliveredAt?: string;
  healthyAt?: string;
  /** The Rollouts the commit changed here. */
  rollouts: ReleaseRolloutStatus[];
}

export interface WaveStatus {
  clusters: ClusterReleaseStatus[];
  startedAt?: string;
  /** When every cluster of the wave was first Healthy. */
  healthyAt?: string;
  soakUntil?: string;
  /** When the next wave was allowed to start. */
  passedAt?: string;
}

export interface ReleaseFailure {
  cluster: string;
  namespace: string;
  name: string;
  reason: string;
  at: string;
}

export interface ReleaseStatus {
  commit: string;
  source: string;
  phase: ReleasePhase;
  waves: WaveStatus[];
  /** Why the release does not move on right now. */
  heldBy?: ReleaseHold;
  failure?: ReleaseFailure;
  supersededBy?: string;
  startedAt: string;
  /** Healthy everywhere: the end of DORA's lead time. */
  healthyAt?: string;
  finishedAt?: string;
}

export interface ReleaseSpec {
  /** The GitOps source's name. */
  source: string;
  namespace: string;
  commit: string;
  /** When the commit was made (RFC 3339): the start of lead time. */
  committedAt: string;
  /** The source's waves when the push came, so a configuration change never reshuffles a release. */
  waves: Wave[];
  onFailure: OnFailure;
  /** Set by the controller when a newer push of the same source starts its own release. */
  supersededBy?: string;
}

export interface Release {
  metadata: { name: string; namespace?: string; resourceVersion?: string };
  spec: ReleaseSpec;
  status?: ReleaseStatus;
}
