import { configMapPath, type KubeClient } from '../../adapters/kube/index.js';
import type { GitOpsEnv } from '../../core/gitops/env-config.js';

/** The ConfigMap key that holds the GitOps configuration (YAML or JSON, see core/gitops/config.ts). */
export const CONFIG_MAP_KEY = 'config.yaml';

/**
 * Resolves `GITOPS_CONFIGMAP=<namespace>/<name>` into `GITOPS_CONFIG` by reading the ConfigMap once
 * (the Node runtime at start-up), so the same validation then runs on either source. Returns the env
 * unchanged when no ConfigMap is named, or the problems that stop start-up.
 */
export async function readGitOpsConfigMap(
  env: GitOpsEnv,
  kube: KubeClient,
): Promise<{ env: GitOpsEnv; problems: string[] }> {
  const ref = env.GITOPS_CONFIGMAP?.trim();
  if (!ref) return { env, problems: [] };
  if (env.GITOPS_CONFIG?.trim())
    return { env, problems: ['set either GITOPS_CONFIG or GITOPS_CONFIGMAP, not both'] };
  const [namespace, name, ...rest] = ref.split('/');
  if (!namespace || !name || rest.length > 0)
    return {
      env,
      problems: [`GITOPS_CONFIGMAP must be <namespace>/<name>, got ${JSON.stringify(ref)}`],
    };
  let cm: { data?: Record<string, string> } | undefined;
  try {
    cm = await kube.find<{ data?: Record<string, string> }>(configMapPath(namespace, name));
  } catch (e) {
    return {
      env,
      problems: [`GITOPS_CONFIGMAP: reading ConfigMap ${ref} failed: ${(e as Error).message}`],
    };
  }
  if (!cm) return { env, problems: [`GITOPS_CONFIGMAP: ConfigMap ${ref} does not exist`] };
  const text = cm.data?.[CONFIG_MAP_KEY];
  if (!text?.trim())
    return {
      env,
      problems: [`GITOPS_CONFIGMAP: ConfigMap ${ref} has no \`${CONFIG_MAP_KEY}\` key`],
    };
  const { GITOPS_CONFIGMAP: _read, ...others } = env;
  return {
    env: {
      ...others,
      GITOPS_CONFIG: text,
      GITOPS_CONFIG_FROM: `ConfigMap ${ref} ${CONFIG_MAP_KEY}`,
    },
    problems: [],
  };
}
