import type { ExperimentInfo, ImageInfo, ReplicaSetInfo } from './types.js';

/**
 * The images running now (ReplicaSets with pods), each tagged with the roles of the ReplicaSets
 * that run it (stable, canary, active, preview) and `Σ:<template>` for an Experiment's pods.
 * Sorted by image; tags sorted.
 */
export function buildImages(
  replicaSets: readonly ReplicaSetInfo[],
  experiments: readonly ExperimentInfo[],
): ImageInfo[] {
  const tags = new Map<string, Set<string>>();
  const add = (image: string, these: string[]) => {
    const set = tags.get(image) ?? new Set<string>();
    for (const t of these) set.add(t);
    tags.set(image, set);
  };
  for (const rs of replicaSets) {
    if (rs.replicas <= 0) continue;
    const roles = [
      rs.canary && 'canary',
      rs.stable && 'stable',
      rs.active && 'active',
      rs.preview && 'preview',
    ].filter((t): t is string => typeof t === 'string');
    for (const image of rs.images) add(image, roles);
  }
  for (const exp of experiments) {
    for (const rs of exp.replicaSets) {
      if (rs.replicas <= 0) continue;
      for (const image of rs.images) add(image, rs.template ? [`Σ:${rs.template}`] : []);
    }
  }
  return [...tags.entries()]
    .map(([image, set]) => ({ image, tags: [...set].sort() }))
    .sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : 0));
}
