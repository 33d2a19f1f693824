import type { KubeconfigFile, NamedEntry } from './parse-kubeconfig.js';

export interface MergedKubeconfig {
  /** The files merged, in order. */
  paths: string[];
  currentContext?: string;
  clusters: Map<string, NamedEntry>;
  contexts: Map<string, NamedEntry>;
  users: Map<string, NamedEntry>;
}

/**
 * Merges the files of a KUBECONFIG list as kubectl does
 * (https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/#merging-kubeconfig-files):
 * the first file to define a cluster, context or user name wins, and so does the first
 * current-context. Each entry keeps the file it came from.
 */
export function mergeKubeconfigs(files: readonly KubeconfigFile[]): MergedKubeconfig {
  const merged: MergedKubeconfig = {
    paths: files.map((f) => f.path),
    clusters: new Map(),
    contexts: new Map(),
    users: new Map(),
  };
  for (const file of files) {
    merged.currentContext ??= file.currentContext;
    for (const section of ['clusters', 'contexts', 'users'] as const) {
      for (const entry of file[section])
        if (!merged[section].has(entry.name)) merged[section].set(entry.name, entry);
    }
  }
  return merged;
}
