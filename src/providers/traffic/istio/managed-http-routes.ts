/**
 * setHeaderRoute / setMirrorRoute as Istio HTTP routes (spec §4.2): built from the weighted route,
 * placed first in `managedRoutes` order, removed when no longer desired.
 */
import { arrayAt, cloneJson, hasKey, jsonEqual, recordAt, stringAt } from '../shared/json-view.js';
import { pointer, type PatchBuilder } from '../shared/json-patch.js';
import type { ManagedRoute } from '../shared/managed-routes.js';
import { readMatch } from '../shared/string-match.js';
import type { HeaderRoute, MirrorRoute } from '../types.js';

type StringMatch = { exact?: string; prefix?: string; regex?: string };

function istioMatch(m: StringMatch | undefined): Record<string, string> | undefined {
  const read = readMatch(m);
  return read === undefined ? undefined : { [read.kind]: read.value };
}

/** One Istio match per header match (Istio ORs a route's matches, as upstream writes them). */
export function buildHeaderRoute(
  route: HeaderRoute,
  canaryDestination: unknown,
): Record<string, unknown> {
  return {
    name: route.name,
    match: route.match.map((m) => ({
      headers: { [m.headerName]: istioMatch(m.headerValue) ?? {} },
    })),
    route: [{ destination: cloneJson(canaryDestination), weight: 100 }],
  };
}

export function buildMirrorRoute(
  route: MirrorRoute,
  weighted: unknown[],
  canaryDestination: unknown,
): Record<string, unknown> {
  const match = route.match.map((m) => {
    const out: Record<string, unknown> = {};
    const method = istioMatch(m.method);
    const uri = istioMatch(m.path);
    if (method !== undefined) out.method = method;
    if (uri !== undefined) out.uri = uri;
    const headers = Object.entries(m.headers ?? {}).flatMap(([h, v]) => {
      const value = istioMatch(v);
      return value === undefined ? [] : [[h, value] as const];
    });
    if (headers.length > 0) out.headers = Object.fromEntries(headers);
    return out;
  });
  return {
    name: route.name,
    match,
    route: cloneJson(weighted),
    mirror: cloneJson(canaryDestination),
    mirrorPercentage: { value: route.percentage ?? 100 },
  };
}

/** The `destination` of the canary entry of a weighted route list. */
export function canaryDestinationOf(
  weighted: unknown[],
  isCanary: (entry: unknown) => boolean,
): unknown {
  const entry = weighted.find(isCanary);
  return recordAt(entry, 'destination');
}

export function buildManagedRoutes(
  wanted: readonly ManagedRoute[],
  weighted: unknown[],
  canaryDestination: unknown,
): Array<Record<string, unknown>> {
  return wanted.map((m) =>
    m.kind === 'header'
      ? buildHeaderRoute(m.route, canaryDestination)
      : buildMirrorRoute(m.route, weighted, canaryDestination),
  );
}

/**
 * Ops that make `spec.http` start with `wanted` (in order) and carry no other managed route. When
 * the managed routes already lead in the right order only changed ones are replaced; otherwise
 * they are all removed and inserted again at the front. Ops come after the weight ops, whose
 * indices refer to the list as observed.
 */
export function planManagedRoutes(
  spec: unknown,
  managedNames: ReadonlySet<string>,
  wanted: ReadonlyArray<Record<string, unknown>>,
  patch: PatchBuilder,
): void {
  const http = arrayAt(spec, 'http');
  const current = http.flatMap((r, i) => (managedNames.has(stringAt(r, 'name') ?? '') ? [i] : []));
  const inPlace =
    current.length === wanted.length &&
    current.every((i, k) => i === k && stringAt(http[i], 'name') === wanted[k]?.name);
  if (inPlace) {
    wanted.forEach((route, k) => {
      if (jsonEqual(http[k], route)) return;
      patch.test(pointer('spec', 'http', k, 'name'), route.name);
      patch.set(pointer('spec', 'http', k), route, { exists: true, value: http[k] });
    });
    return;
  }
  for (const i of [...current].reverse()) {
    patch.test(pointer('spec', 'http', i, 'name'), stringAt(http[i], 'name'));
    patch.remove(pointer('spec', 'http', i));
  }
  if (!hasKey(spec, 'http')) {
    patch.add('/spec/http', cloneJson(wanted));
    return;
  }
  wanted.forEach((route, k) => patch.add(pointer('spec', 'http', k), route));
}
