import { KubeApiError } from './kube-api-error.js';
import type { KubeClient, ListQuery } from './kube-client.js';

/** A list's items, or none when the kind is not served (e.g. the Experiment CRD is not installed). */
export async function listOrEmpty<T>(
  kube: KubeClient,
  path: string,
  query: ListQuery = {},
): Promise<T[]> {
  try {
    return (await kube.list<T>(path, query)).items;
  } catch (e) {
    if (e instanceof KubeApiError && e.isNotFound) return [];
    throw e;
  }
}
