import { configMapPath, type KubeClient, KubeApiError } from '../../adapters/kube/index.js';
import type { GitSource } from '../../core/gitops/config.js';
import { isRecord } from '../../domain/json.js';

/** One object a sync applied. */
export interface InventoryEntry {
  apiVersion: string;
  kind: string;
  name: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
}

/** What a source last applied, kept in a ConfigMap in its namespace (as kubectl's ApplySets do). */
export interface Inventory {
  sha: string;
  objects: InventoryEntry[];
}

export const FIELD_MANAGER = 'serverless-rollouts-gitops';

export function inventoryName(source: GitSource): string {
  return `rollouts-gitops-${source.name}`;
}

export async function loadInventory(
  kube: KubeClient,
  source: GitSource,
): Promise<Inventory | undefined> {
  try {
    const cm = await kube.get<{ data?: Record<string, string> }>(
      configMapPath(source.namespace, inventoryName(source)),
    );
    const sha = cm.data?.sha;
    const objects: unknown = JSON.parse(cm.data?.objects ?? '[]');
    if (typeof sha !== 'string' || !Array.isArray(objects)) return undefined;
    return {
      sha,
      objects: objects.filter(
        (o): o is InventoryEntry =>
          isRecord(o) &&
          typeof o.kind === 'string' &&
          typeof o.name === 'string' &&
          typeof o.apiVersion === 'string',
      ),
    };
  } catch (e) {
    if (e instanceof KubeApiError && e.isNotFound) return undefined;
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

export async function saveInventory(
  kube: KubeClient,
  source: GitSource,
  inventory: Inventory,
): Promise<void> {
  await kube.apply(
    configMapPath(source.namespace, inventoryName(source)),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: inventoryName(source),
        namespace: source.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'serverless-rollouts' },
      },
      data: {
        repository: source.fullName,
        branch: source.branch,
        path: `/${source.path}`,
        sha: inventory.sha,
        objects: JSON.stringify(inventory.objects),
      },
    },
    { fieldManager: FIELD_MANAGER, force: true },
  );
}

export function entryKey(e: InventoryEntry): string {
  const group = e.apiVersion.includes('/') ? e.apiVersion.slice(0, e.apiVersion.indexOf('/')) : '';
  return `${group}/${e.kind}/${e.namespace ?? ''}/${e.name}`;
}
