import { GitHubClients } from '../../adapters/github/index.js';
import type { KubeClient } from '../../adapters/kube/index.js';
import type { FleetClusters } from '../../controller/fleet/fleet-clusters.js';
import type { FleetReleases } from '../../controller/fleet/fleet-releases.js';
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

/**
 * `releases` (issue 21): a push to a source with waves starts a release, whose `Release` hints go
 * to its own Durable Object like any other.
 */
export function workerGitOps(
  env: GitOpsEnv,
  kube: KubeClient,
  send: (hints: Hint[]) => Promise<void>,
  releases?: FleetReleases,
  fleet?: FleetClusters,
): GitOps | undefined {
  const { settings, clients } = workerGitOpsSettings(env);
  if (!settings || !clients) return undefined;
  const hints = (kind: 'Rollout' | 'Release', refs: Array<{ namespace: string; name: string }>) =>
    send(refs.map((r) => ({ kind, namespace: r.namespace, name: r.name })));
  return createGitOps({
    kube,
    config: settings.config,
    clients,
    now: () => Date.now(),
    enqueueRollouts: (refs) => hints('Rollout', refs),
    ...(fleet ? { fleet } : {}),
    ...(releases
      ? { releases: { engine: releases, enqueue: (refs) => hints('Release', refs) } }
      : {}),
    log: (line) => console.warn(line),
  });
}
