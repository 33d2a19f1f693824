import { GitHubClients } from '../../adapters/github/index.js';
import type { KubeClient } from '../../adapters/kube/index.js';
import { createGitOps, type GitOps } from '../../controller/gitops/gitops.js';
import {
  type GitOpsEnv,
  type GitOpsSettings,
  parseGitOpsEnv,
} from '../../core/gitops/env-config.js';
import type { Hint } from '../../domain/hint.js';

/**
 * GitOps in a Worker isolate: settings parsed once per bindings object, one GitHub connection per
 * isolate (App installation tokens are cached in it). Syncs run in the `GitSource` Durable Object,
 * so they are serialised per source and retried on the alarm like reconciles.
 */
let cached:
  | { env: GitOpsEnv; settings?: GitOpsSettings; problems: string[]; clients?: GitHubClients }
  | undefined;

export function workerGitOpsSettings(env: GitOpsEnv): {
  settings?: GitOpsSettings;
  problems: string[];
  clients?: GitHubClients;
} {
  if (cached?.env !== env) {
    const parsed = parseGitOpsEnv(env, 'workers');
    cached = {
      env,
      ...parsed,
      ...(parsed.settings
        ? {
            clients: new GitHubClients({
              baseUrl: parsed.settings.baseUrl,
              auth: parsed.settings.auth,
            }),
          }
        : {}),
    };
  }
  return cached;
}

export function workerGitOps(
  env: GitOpsEnv,
  kube: KubeClient,
  send: (hints: Hint[]) => Promise<void>,
): GitOps | undefined {
  const { settings, clients } = workerGitOpsSettings(env);
  if (!settings || !clients) return undefined;
  return createGitOps({
    kube,
    config: settings.config,
    clients,
    now: () => Date.now(),
    enqueueRollouts: (refs) =>
      send(refs.map((r) => ({ kind: 'Rollout', namespace: r.namespace, name: r.name }))),
    log: (line) => console.warn(line),
  });
}
