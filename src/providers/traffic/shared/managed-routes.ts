/** The managed (header and mirror) routes a router should carry, in `managedRoutes` precedence order. */
import type { DesiredTraffic, HeaderRoute, MirrorRoute, RouteContext } from '../types.js';

export type ManagedRoute =
  { kind: 'header'; route: HeaderRoute } | { kind: 'mirror'; route: MirrorRoute };

/**
 * Header routes with matches and mirror routes with matches, ordered as `managedRoutes` lists
 * them (names it does not list keep their step order, after the listed ones). An empty match
 * removes a route (spec §1.3), so it is not desired.
 */
export function orderManagedRoutes(ctx: RouteContext, desired: DesiredTraffic): ManagedRoute[] {
  const all: ManagedRoute[] = [
    ...desired.headerRoutes
      .filter((r) => r.match.length > 0)
      .map((route) => ({ kind: 'header' as const, route })),
    ...desired.mirrorRoutes
      .filter((r) => r.match.length > 0)
      .map((route) => ({ kind: 'mirror' as const, route })),
  ];
  const rank = (name: string): number => {
    const i = ctx.managedRoutes.indexOf(name);
    return i === -1 ? ctx.managedRoutes.length : i;
  };
  const seen = new Set<string>();
  return all
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r.route.name) - rank(b.r.route.name) || a.i - b.i)
    .map(({ r }) => r)
    .filter((r) => (seen.has(r.route.name) ? false : (seen.add(r.route.name), true)));
}

/** Every name a managed route of this rollout may carry: the listed ones and any desired now. */
export function managedRouteNames(ctx: RouteContext, desired?: DesiredTraffic): Set<string> {
  const names = new Set(ctx.managedRoutes);
  for (const r of desired?.headerRoutes ?? []) names.add(r.name);
  for (const r of desired?.mirrorRoutes ?? []) names.add(r.name);
  return names;
}
