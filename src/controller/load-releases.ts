import { KubeApiError, type KubeClient } from '../adapters/kube/index.js';
import { RELEASE_RESOURCE, type Release } from '../domain/fleet.js';
import { releasePath } from './fleet/release-store.js';

/** `releases.rollouts.serverless.dev`, as kubectl names the resource. */
export const RELEASES_RESOURCE_NAME = `${RELEASE_RESOURCE.plural}.${RELEASE_RESOURCE.group}`;

export interface LoadedReleases {
  releases: Release[];
  /** Set when the Release CRD is not installed here (the list answered 404): no fleet, no error. */
  note?: string;
}

/**
 * The Release objects of one namespace (undefined: every namespace), as the read side shows them
 * (issue 21 §6): one LIST of the home cluster. A cluster without the Release CRD has no releases.
 */
export async function loadReleases(
  kube: KubeClient,
  namespace: string | undefined,
): Promise<LoadedReleases> {
  try {
    return { releases: (await kube.list<Release>(releasePath(namespace))).items };
  } catch (e) {
    if (e instanceof KubeApiError && e.isNotFound)
      return {
        releases: [],
        note: `the Release CRD (${RELEASES_RESOURCE_NAME}) is not installed in this cluster: it holds no fleet releases`,
      };
    throw e;
  }
}
