import { objectPath, type ResourceInfo, type ResourceMapper } from '../../adapters/kube/index.js';
import { describe, type Manifest } from '../../core/gitops/manifests.js';
import { validateRolloutSpec } from '../../core/rollout/validation/index.js';
import type { KubeObjectJson, Rollout } from '../../domain/index.js';

/** A manifest ready to apply: where it goes, and the object with its namespace set. */
export interface Resolved {
  manifest: Manifest;
  info: ResourceInfo;
  path: string;
  object: KubeObjectJson;
}

/** Cluster-scoped kinds a namespace's source may hold: templates its Rollouts reference. */
const CLUSTER_SCOPED_ALLOWED: ReadonlySet<string> = new Set([
  'argoproj.io/ClusterAnalysisTemplate',
]);

/**
 * Maps each manifest to its API resource through discovery and checks what the API server's
 * dry run cannot: a kind the cluster does not serve, cluster-scoped objects in a namespace's source,
 * and Rollout specs the controller would refuse (spec §1.11, the InvalidSpec messages), so an
 * invalid Rollout is reported on the commit rather than applied and left Degraded.
 */
export async function resolveManifests(
  mapper: ResourceMapper,
  manifests: readonly Manifest[],
  namespace: string,
): Promise<{ resolved: Resolved[]; problems: string[] }> {
  const problems: string[] = [];
  const resolved: Resolved[] = [];
  for (const m of manifests) {
    const o = m.object;
    const at = `${m.file}: ${describe(o)}`;
    const info = await mapper.resolve(o.apiVersion, o.kind);
    if (!info) {
      problems.push(`${at}: the cluster does not serve kind ${o.kind} in ${o.apiVersion}`);
      continue;
    }
    if (!info.namespaced && !CLUSTER_SCOPED_ALLOWED.has(`${info.group}/${info.kind}`)) {
      problems.push(`${at}: cluster-scoped kinds are not synced from a namespace's source`);
      continue;
    }
    const object: KubeObjectJson = info.namespaced
      ? { ...o, metadata: { ...o.metadata, namespace } }
      : o;
    if (info.group === 'argoproj.io' && info.kind === 'Rollout') {
      const invalid = validateRolloutSpec(object as unknown as Rollout);
      if (invalid.length > 0) problems.push(`${at}: invalid spec: ${invalid.join('; ')}`);
    }
    resolved.push({
      manifest: m,
      info,
      path: objectPath(info, info.namespaced ? namespace : undefined, o.metadata.name),
      object,
    });
  }
  return { resolved, problems };
}

export function isRollout(r: Resolved): boolean {
  return r.info.group === 'argoproj.io' && r.info.kind === 'Rollout';
}
