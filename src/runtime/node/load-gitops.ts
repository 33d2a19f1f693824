import { readGitOpsConfigMap } from '../../controller/gitops/config-map-source.js';
import {
  type GitOpsEnv,
  type GitOpsSettings,
  parseGitOpsEnv,
} from '../../core/gitops/env-config.js';
import { type KubeConnection, kubeClientFor, waitForKubeApi } from './kube-connection.js';

/**
 * GitOps settings from GITOPS_* / GITHUB_*. `GITOPS_CONFIGMAP` is read through the cluster first,
 * waiting for its API rather than exiting (issue 15: a tunnel still coming up must not stop start-up).
 */
export async function loadGitOpsSettings(
  env: GitOpsEnv,
  kube: KubeConnection,
  log: (line: string) => void,
): Promise<{ settings?: GitOpsSettings; problems: string[] }> {
  if (!env.GITOPS_CONFIGMAP?.trim()) return parseGitOpsEnv(env, 'node');
  await waitForKubeApi(kube, { path: '/version', log });
  const resolved = await readGitOpsConfigMap(env, kubeClientFor(kube));
  return resolved.problems.length > 0
    ? { problems: resolved.problems }
    : parseGitOpsEnv(resolved.env, 'node');
}

/** The problems GitOps settings have before the cluster is reached (none to find with a ConfigMap yet). */
export function checkGitOpsEnv(env: GitOpsEnv): string[] {
  return env.GITOPS_CONFIGMAP?.trim()
    ? env.GITOPS_CONFIG?.trim()
      ? ['set either GITOPS_CONFIG or GITOPS_CONFIGMAP, not both']
      : []
    : parseGitOpsEnv(env, 'node').problems;
}
