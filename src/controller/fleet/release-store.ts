import { type KubeClient, KubeApiError, resourcePath } from '../../adapters/kube/index.js';
import { isFinishedRelease } from '../../core/fleet/release-name.js';
import { RELEASE_RESOURCE, type Release, type ReleaseStatus } from '../../domain/fleet.js';

/** Release objects (manifests/crds/release.yaml) in the home cluster, in their source's namespace. */
export const releasePath = resourcePath(
  RELEASE_RESOURCE.group,
  RELEASE_RESOURCE.version,
  RELEASE_RESOURCE.plural,
);

/** Marks a Release's source, so a source's releases are listed by label, not the whole namespace. */
export const RELEASE_SOURCE_LABEL = 'rollouts.serverless.dev/source';

const apiVersion = `${RELEASE_RESOURCE.group}/${RELEASE_RESOURCE.version}`;

export function loadRelease(
  kube: KubeClient,
  namespace: string,
  name: string,
): Promise<Release | undefined> {
  return kube.find<Release>(releasePath(namespace, name));
}

/** The source's releases, oldest first (by the time each started). */
export async function listSourceReleases(
  kube: KubeClient,
  namespace: string,
  source: string,
): Promise<Release[]> {
  const { items } = await kube.list<Release>(releasePath(namespace), {
    labelSelector: `${RELEASE_SOURCE_LABEL}=${source}`,
  });
  return items.sort((a, b) =>
    (a.status?.startedAt ?? a.spec.committedAt).localeCompare(
      b.status?.startedAt ?? b.spec.committedAt,
    ),
  );
}

/** Creates the Release; one that exists already (the same push seen again) is returned as it is. */
export async function createRelease(
  kube: KubeClient,
  name: string,
  spec: Release['spec'],
): Promise<{ release: Release; created: boolean }> {
  const body = {
    apiVersion,
    kind: RELEASE_RESOURCE.kind,
    metadata: { name, namespace: spec.namespace, labels: { [RELEASE_SOURCE_LABEL]: spec.source } },
    spec,
  };
  try {
    return {
      release: await kube.create<Release>(releasePath(spec.namespace), body),
      created: true,
    };
  } catch (e) {
    if (!(e instanceof KubeApiError) || e.status !== 409) throw e;
    const existing = await loadRelease(kube, spec.namespace, name);
    if (!existing) throw e;
    return { release: existing, created: false };
  }
}

/**
 * Writes the status, guarded by the resourceVersion the plan was made from: a 409 means another
 * handler stepped the release meanwhile, and this step's status is dropped (its actions were
 * idempotent; the next step plans from the newer status).
 */
export async function saveReleaseStatus(
  kube: KubeClient,
  release: Release,
  status: ReleaseStatus,
): Promise<'saved' | 'conflict' | 'gone'> {
  const namespace = release.metadata.namespace ?? release.spec.namespace;
  try {
    await kube.replace(`${releasePath(namespace, release.metadata.name)}/status`, {
      apiVersion,
      kind: RELEASE_RESOURCE.kind,
      metadata: { ...release.metadata },
      spec: release.spec,
      status,
    });
    return 'saved';
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 409) return 'conflict';
    if (e instanceof KubeApiError && e.isNotFound) return 'gone';
    throw e;
  }
}

/** Tells an unfinished release a newer push of its source took over (planRelease then stops it). */
export async function markSuperseded(
  kube: KubeClient,
  release: Release,
  by: string,
): Promise<void> {
  if (release.spec.supersededBy !== undefined || isFinishedRelease(release.status?.phase)) return;
  const namespace = release.metadata.namespace ?? release.spec.namespace;
  await kube.mergePatch(releasePath(namespace, release.metadata.name), {
    spec: { supersededBy: by },
  });
}
