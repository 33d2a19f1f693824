/**
 * The traffic-router contract (DESIGN §2, spec §4.2–4.3). A router is pure: from the route context,
 * the objects it asked to read and the desired traffic, it returns the writes that make the routed
 * objects say so, and it can read the weights those objects carry now. Objects the project does not
 * own (Ingresses, VirtualServices, HTTPRoutes…) are plain JSON with small typed views of the fields a
 * router touches, so every field it does not own survives its writes unchanged (STYLE: Shape).
 */

import type { KubeObjectJson } from '../../domain/objects.js';

export type { KubeObjectJson };

/** Names one object; `apiVersion` is `group/version` (or `v1`), as in a manifest. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The key of an object in `Observed`: `apiVersion/kind/namespace/name`. */
export function refKey(ref: ObjectRef): string {
  return `${ref.apiVersion}/${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** What was read for `objectsToRead`: a missing object is `undefined` (404), never absent from the map. */
export type Observed = ReadonlyMap<string, KubeObjectJson | undefined>;

/** A header match of `setHeaderRoute` (spec §1.3): exactly one of exact, prefix, regex. */
export interface HeaderMatch {
  headerName: string;
  headerValue: { exact?: string; prefix?: string; regex?: string };
}

/** A match of `setMirrorRoute` (spec §1.3). */
export interface MirrorMatch {
  method?: { exact?: string; prefix?: string; regex?: string };
  path?: { exact?: string; prefix?: string; regex?: string };
  headers?: Record<string, { exact?: string; prefix?: string; regex?: string }>;
}

export interface HeaderRoute {
  name: string;
  match: HeaderMatch[];
}

export interface MirrorRoute {
  name: string;
  /** Percent of requests mirrored; default 100. */
  percentage?: number;
  match: MirrorMatch[];
}

/** An extra weighted destination (an Experiment's template service). */
export interface AdditionalDestination {
  serviceName: string;
  podTemplateHash?: string;
  weight: number;
}

export interface RouteContext {
  rollout: { name: string; namespace: string; uid: string };
  canaryService: string;
  stableService: string;
  /** This router's own block of `trafficRouting`, as written (e.g. `trafficRouting.nginx`). */
  config: unknown;
  /** `trafficRouting.maxTrafficWeight` (default 100): the denominator of every weight. */
  maxTrafficWeight: number;
  /** `trafficRouting.managedRoutes` names, in precedence order. */
  managedRoutes: readonly string[];
}

export interface DesiredTraffic {
  /** 0..maxTrafficWeight; stable gets maxTrafficWeight − canary − Σ additional. */
  canaryWeight: number;
  additionalDestinations: readonly AdditionalDestination[];
  /** Pod-template hashes for subset-level routers (Istio DestinationRule, App Mesh virtual nodes). */
  canaryHash?: string;
  stableHash?: string;
  /** The managed routes that should exist now (empty: remove them all). */
  headerRoutes: readonly HeaderRoute[];
  mirrorRoutes: readonly MirrorRoute[];
}

/**
 * One write. Patches are guarded: a merge patch carries `metadata.resourceVersion` of the observed
 * object, a JSON patch starts with a `test` of it, so a concurrent writer makes it fail (409/422)
 * instead of being overwritten; the reconcile then re-reads and re-plans.
 */
export type ObjectWrite =
  | { op: 'create'; object: KubeObjectJson }
  | { op: 'mergePatch'; ref: ObjectRef; patch: Record<string, unknown> }
  | {
      op: 'jsonPatch';
      ref: ObjectRef;
      patch: Array<{ op: 'add' | 'remove' | 'replace' | 'test'; path: string; value?: unknown }>;
    }
  | { op: 'delete'; ref: ObjectRef };

/** A router's decision: writes to make (none when the objects already say so), or why it cannot. */
export type RouterPlan = { writes: ObjectWrite[] } | { error: string };

/** Weights as the routed objects carry them now. */
export interface ObservedWeights {
  canary: number;
  stable: number;
  additional: ReadonlyArray<{ serviceName: string; weight: number }>;
}

export interface TrafficRouter {
  /** The `trafficRouting` field name, exactly (`nginx`, `istio`, `smi`, `argoproj-labs/gatewayAPI`…). */
  readonly key: string;
  /** §1.11-style problems with this router's config (missing names, unsupported combinations). */
  validate(ctx: RouteContext): string[];
  /**
   * The objects `plan` and `readWeights` need, read by the caller before calling them. A router that
   * finds some objects through others (App Mesh: the VirtualService names its VirtualRouter) asks for
   * them once `observed` holds the first ones; the caller calls again with everything read so far
   * until no new object is asked for (a router that needs no second round ignores `observed`).
   */
  objectsToRead(ctx: RouteContext, observed?: Observed): ObjectRef[];
  /** The writes that make the observed objects carry `desired`. Idempotent: applied to its own result it returns no writes. */
  plan(ctx: RouteContext, observed: Observed, desired: DesiredTraffic): RouterPlan;
  /** The weights the objects carry now, or undefined when they carry none yet (e.g. no canary Ingress). */
  readWeights(ctx: RouteContext, observed: Observed): ObservedWeights | undefined;
}
