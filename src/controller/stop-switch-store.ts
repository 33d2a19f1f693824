import {
  KubeApiError,
  type KubeClient,
  listOrEmpty,
  resourcePath,
} from '../adapters/kube/index.js';
import { isStopped } from '../core/fleet/index.js';
import type { StopSwitch } from '../domain/fleet.js';

/**
 * Stop switches (issue 21 §5) as objects of our own API group (manifests/crds/stop-switch.yaml),
 * all in the controller's namespace under names that follow from what they stop, so setting one
 * twice updates it and clearing needs no lookup.
 */
export const STOP_SWITCH_RESOURCE = {
  group: 'rollouts.serverless.dev',
  version: 'v1alpha1',
  kind: 'StopSwitch',
  plural: 'stopswitches',
} as const;

/** Where the switches live: the controller's namespace, as upstream's notification ConfigMap. */
export const STOP_SWITCH_NAMESPACE = 'argo-rollouts';

const path = resourcePath(
  STOP_SWITCH_RESOURCE.group,
  STOP_SWITCH_RESOURCE.version,
  STOP_SWITCH_RESOURCE.plural,
);

export type StopScope = Pick<StopSwitch, 'scope' | 'cluster' | 'namespace'>;

interface StopSwitchObject {
  metadata: { name: string };
  spec?: Partial<StopSwitch>;
}

/** `fleet`, `cluster.<c>`, `namespace.<ns>` or `cluster.<c>.namespace.<ns>`. */
export function stopSwitchName(scope: StopScope): string {
  const cluster = scope.cluster ? `cluster.${scope.cluster}` : '';
  const ns = scope.namespace ? `namespace.${scope.namespace}` : '';
  if (scope.scope === 'fleet') return 'fleet';
  if (scope.scope === 'cluster') return cluster;
  return cluster ? `${cluster}.${ns}` : ns;
}

/** A switch read back; one with an unusable spec (written by hand) still stops what it names. */
function parseStopSwitch(o: StopSwitchObject): StopSwitch | undefined {
  const s = o.spec;
  if (s?.scope !== 'fleet' && s?.scope !== 'cluster' && s?.scope !== 'namespace') return undefined;
  return {
    scope: s.scope,
    ...(s.cluster ? { cluster: s.cluster } : {}),
    ...(s.namespace ? { namespace: s.namespace } : {}),
    by: s.by ?? 'unknown',
    reason: s.reason ?? '',
    at: s.at ?? '',
  };
}

/** Every switch, fleet first, then by name: one LIST; none when the CRD is not installed. */
export async function loadStopSwitches(kube: KubeClient): Promise<StopSwitch[]> {
  const items = await listOrEmpty<StopSwitchObject>(kube, path(STOP_SWITCH_NAMESPACE));
  const order = { fleet: 0, cluster: 1, namespace: 2 } as const;
  return items
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .flatMap((o) => parseStopSwitch(o) ?? [])
    .sort((a, b) => order[a.scope] - order[b.scope]);
}

/**
 * The switch that covers a namespace of this cluster, if any. A cluster's controller has no fleet
 * name for itself, and needs none: its store holds only switches about it (the home controller
 * writes a `cluster` or `cluster`+`namespace` switch only into that cluster,
 * stop-switch-fleet.ts), so a switch's `cluster` is read as this cluster. Fleet switches cover
 * every namespace; namespace switches their namespace.
 */
export function coveringStopSwitch(
  switches: readonly StopSwitch[],
  target: { cluster?: string; namespace: string },
): StopSwitch | undefined {
  return switches.find((s) =>
    isStopped(s, { cluster: target.cluster ?? s.cluster ?? '', namespace: target.namespace }),
  );
}

/** Sets (creates, or overwrites who, why and when of) the switch; returns what it stored. */
export async function applyStopSwitch(kube: KubeClient, stop: StopSwitch): Promise<StopSwitch> {
  const name = stopSwitchName(stop);
  const body = {
    apiVersion: `${STOP_SWITCH_RESOURCE.group}/${STOP_SWITCH_RESOURCE.version}`,
    kind: STOP_SWITCH_RESOURCE.kind,
    metadata: { name, namespace: STOP_SWITCH_NAMESPACE },
    spec: stop,
  };
  try {
    await kube.create(path(STOP_SWITCH_NAMESPACE), body);
  } catch (e) {
    if (!(e instanceof KubeApiError && e.isAlreadyExists)) throw e;
    // Set again: the newest who and why win (`cluster`/`namespace` are fixed by the name).
    await kube.mergePatch(path(STOP_SWITCH_NAMESPACE, name), { spec: stop });
  }
  return stop;
}

/** Clears the switch; false when there was none. */
export function deleteStopSwitch(kube: KubeClient, scope: StopScope): Promise<boolean> {
  return kube.delete(path(STOP_SWITCH_NAMESPACE, stopSwitchName(scope)));
}
