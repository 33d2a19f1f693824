/** The `<mapping>-canary` clone (spec §4.2): the base Mapping's spec, its service pointed at the canary, a weight. */
import { cloneJson, numberAt, recordAt, stringAt } from '../shared/json-view.js';
import type { KubeObjectJson, ObjectRef, RouteContext } from '../types.js';

/**
 * The base `service` with its Service name replaced by canaryService, keeping scheme, namespace and
 * port: `checkout-stable.shop:8080` ⇒ `checkout-canary.shop:8080`, `https://checkout:443` ⇒
 * `https://checkout-canary:443`. (Upstream keeps only the port; keeping the namespace matters when
 * the Mapping lives elsewhere than the Services.)
 */
export function canaryServiceAddress(service: string, canaryService: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)?([^.:/]*)(.*)$/i.exec(service);
  if (match === null || service === '') return canaryService;
  return `${match[1] ?? ''}${canaryService}${match[3] ?? ''}`;
}

/** The weight a Mapping carries (absent or 0: unweighted). */
export function mappingWeight(mapping: KubeObjectJson): number {
  return numberAt(recordAt(mapping, 'spec'), 'weight') ?? 0;
}

/** Metadata is not copied (as upstream): the clone is the Rollout's, named and owned afresh. */
export function buildCanaryMapping(
  base: KubeObjectJson,
  ref: ObjectRef,
  ctx: RouteContext,
  weight: number,
  owner: NonNullable<KubeObjectJson['metadata']['ownerReferences']>[number],
): KubeObjectJson {
  const spec = cloneJson(recordAt(base, 'spec') ?? {});
  spec['service'] = canaryServiceAddress(stringAt(spec, 'service') ?? '', ctx.canaryService);
  spec['weight'] = weight;
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, namespace: ref.namespace, ownerReferences: [owner] },
    spec,
  };
}
