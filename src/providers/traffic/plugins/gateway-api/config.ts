/**
 * The `argoproj-labs/gatewayAPI` plugin config, as the plugin reads it: single-route shorthands
 * (`httpRoute`, `grpcRoute`, `tcpRoute`, `tlsRoute`) and lists (`httpRoutes[{name, useHeaderRoutes}]`…),
 * `namespace` defaulting to the Rollout's. A shorthand `httpRoute` takes header routes.
 */
import { arrayAt, isRecord, recordAt, stringAt } from '../../shared/json-view.js';
import { duplicates, missingField, TRAFFIC_ROUTING_PATH } from '../../shared/problems.js';
import type { RouteContext } from '../../types.js';

export const GATEWAY_API_KEY = 'argoproj-labs/gatewayAPI';

export type RouteKind = 'HTTPRoute' | 'GRPCRoute' | 'TCPRoute' | 'TLSRoute';

export interface RouteSelector {
  kind: RouteKind;
  name: string;
  /** HTTPRoutes only: managed (header, mirror) rules are added to this route. */
  useHeaderRoutes: boolean;
}

export interface GatewayApiConfig {
  namespace: string;
  routes: RouteSelector[];
}

const PATH = `${TRAFFIC_ROUTING_PATH}.plugins.${GATEWAY_API_KEY}`;

const FIELDS: ReadonlyArray<{ kind: RouteKind; one: string; many: string }> = [
  { kind: 'HTTPRoute', one: 'httpRoute', many: 'httpRoutes' },
  { kind: 'GRPCRoute', one: 'grpcRoute', many: 'grpcRoutes' },
  { kind: 'TCPRoute', one: 'tcpRoute', many: 'tcpRoutes' },
  { kind: 'TLSRoute', one: 'tlsRoute', many: 'tlsRoutes' },
];

export function parseGatewayApiConfig(ctx: RouteContext): {
  config: GatewayApiConfig;
  problems: string[];
} {
  const raw = ctx.config;
  const problems: string[] = [];
  if (!isRecord(raw))
    return {
      config: { namespace: ctx.rollout.namespace, routes: [] },
      problems: [`${PATH} must be an object`],
    };
  const routes: RouteSelector[] = [];
  for (const { kind, one, many } of FIELDS) {
    const single = stringAt(raw, one);
    if (single !== undefined && single !== '')
      routes.push({ kind, name: single, useHeaderRoutes: kind === 'HTTPRoute' });
    arrayAt(raw, many).forEach((entry, i) => {
      const name = stringAt(entry, 'name') ?? '';
      if (name === '') problems.push(missingField(`${PATH}.${many}[${i}].name`));
      else
        routes.push({
          kind,
          name,
          useHeaderRoutes:
            kind === 'HTTPRoute' && isRecord(entry) && entry.useHeaderRoutes === true,
        });
    });
    for (const d of duplicates(routes.filter((r) => r.kind === kind).map((r) => r.name)))
      problems.push(`${PATH} lists ${kind} '${d}' more than once`);
  }
  if (routes.length === 0 && problems.length === 0)
    problems.push(
      `${PATH} needs at least one of httpRoute(s), grpcRoute(s), tcpRoute(s) or tlsRoute(s)`,
    );
  if (recordAt(raw, 'httpRouteSelector') !== undefined)
    problems.push(`${PATH}.httpRouteSelector is not supported: list the HTTPRoutes by name`);
  if (ctx.managedRoutes.length > 0 && !routes.some((r) => r.useHeaderRoutes)) {
    problems.push(
      `${PATH}: managedRoutes need an HTTPRoute with useHeaderRoutes: true (or the httpRoute shorthand)`,
    );
  }
  const namespace = stringAt(raw, 'namespace');
  return {
    config: {
      namespace: namespace === undefined || namespace === '' ? ctx.rollout.namespace : namespace,
      routes,
    },
    problems,
  };
}
