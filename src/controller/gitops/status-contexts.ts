import type { GitOpsConfig, GitSource } from '../../core/gitops/config.js';
import type { DeploymentRecord } from '../../core/gitops/plan-report.js';

/** The commit-status context of a source's sync: `gitops/<cluster>/<source>`. */
export function syncContext(config: GitOpsConfig, source: GitSource): string {
  return `gitops/${config.cluster}/${source.name}`;
}

/** The commit-status context of one Rollout: `rollout/<cluster>/<namespace>/<name>` (its environment). */
export function commitContext(record: DeploymentRecord): string {
  return `rollout/${record.environment}`;
}
