/** The status icons of the upstream plugin's tree view (spec §5). */
export const ICONS = {
  waiting: '◷',
  progressing: '◌',
  warning: '⚠',
  unknown: '?',
  ok: '✔',
  bad: '✖',
  paused: '॥',
  neutral: '•',
  none: ' ',
} as const;

export type Icon = (typeof ICONS)[keyof typeof ICONS];

/** Rollout and list statuses. */
export function rolloutIcon(status: string): Icon {
  switch (status) {
    case 'Progressing':
      return ICONS.progressing;
    case 'Error':
    case 'InvalidSpec':
      return ICONS.warning;
    case 'Paused':
      return ICONS.paused;
    case 'Healthy':
      return ICONS.ok;
    case 'Degraded':
      return ICONS.bad;
    case 'Unknown':
      return ICONS.unknown;
    case 'ScaledDown':
      return ICONS.neutral;
    default:
      return ICONS.none;
  }
}

export function replicaSetIcon(status: string): Icon {
  switch (status) {
    case 'Progressing':
      return ICONS.progressing;
    case 'Healthy':
      return ICONS.ok;
    case 'ReplicaFailure':
      return ICONS.bad;
    case 'ScaledDown':
      return ICONS.neutral;
    default:
      return ICONS.none;
  }
}

/** AnalysisRun, Experiment and measurement (Job) phases. */
export function analysisIcon(phase: string | undefined): Icon {
  switch (phase) {
    case 'Successful':
      return ICONS.ok;
    case 'Inconclusive':
      return ICONS.unknown;
    case 'Failed':
      return ICONS.bad;
    case 'Error':
      return ICONS.warning;
    case 'Running':
      return ICONS.progressing;
    case 'Pending':
      return ICONS.waiting;
    default:
      return ICONS.none;
  }
}

/** kubectl's pod STATUS words, grouped as the plugin colours them. */
export function podIcon(status: string): Icon {
  if (status.startsWith('Init:')) return ICONS.progressing;
  if (status.startsWith('Signal:') || status.startsWith('ExitCode:')) return ICONS.bad;
  // Image pull and container runtime errors: ErrImagePull, CreateContainerConfigError, …
  if (status.endsWith('Error') || status.startsWith('Err')) return ICONS.warning;
  switch (status) {
    case 'Pending':
    case 'Terminating':
    case 'ContainerCreating':
      return ICONS.progressing;
    case 'Running':
    case 'Completed':
      return ICONS.ok;
    case 'Failed':
    case 'InvalidImageName':
    case 'CrashLoopBackOff':
      return ICONS.bad;
    case 'ImagePullBackOff':
    case 'RegistryUnavailable':
      return ICONS.warning;
    case 'Unknown':
      return ICONS.unknown;
    default:
      return ICONS.none;
  }
}
