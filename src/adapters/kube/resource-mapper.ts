import { KubeApiError } from './kube-api-error.js';
import type { KubeClient } from './kube-client.js';
import { groupVersionPath } from './paths.js';

/** Where a kind lives in the API, from discovery. */
export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

interface ApiResourceList {
  resources?: Array<{ name: string; kind: string; namespaced: boolean }>;
}

/**
 * Maps `apiVersion` + `kind` to a REST resource through discovery (`/api/v1`, `/apis/<g>/<v>`),
 * as kubectl's RESTMapper does, so that any kind the cluster serves (CRDs included) can be applied
 * and a kind it does not serve is reported as such. One discovery read per group/version, cached
 * for the mapper's life (one sync).
 */
export class ResourceMapper {
  private readonly lists = new Map<string, Promise<ApiResourceList | undefined>>();

  constructor(private readonly kube: KubeClient) {}

  async resolve(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const [group, version] = apiVersion.includes('/')
      ? (apiVersion.split('/', 2) as [string, string])
      : ['', apiVersion];
    let list = this.lists.get(apiVersion);
    if (!list) {
      list = this.load(group, version);
      this.lists.set(apiVersion, list);
    }
    const found = (await list)?.resources?.find((r) => r.kind === kind && !r.name.includes('/'));
    return found
      ? { group, version, kind, plural: found.name, namespaced: found.namespaced }
      : undefined;
  }

  private async load(group: string, version: string): Promise<ApiResourceList | undefined> {
    try {
      return await this.kube.get<ApiResourceList>(groupVersionPath(group, version));
    } catch (e) {
      if (e instanceof KubeApiError && e.isNotFound) return undefined;
      throw e;
    }
  }
}

/** The REST path of one object (or its collection without `name`). */
export function objectPath(
  info: ResourceInfo,
  namespace: string | undefined,
  name?: string,
): string {
  const ns =
    info.namespaced && namespace !== undefined
      ? `/namespaces/${encodeURIComponent(namespace)}`
      : '';
  return `${groupVersionPath(info.group, info.version)}${ns}/${info.plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}
