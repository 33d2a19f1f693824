/** `trafficRouting.istio` (spec §1.4) read into a typed view, with its problems (§1.11 style). */
import { arrayAt, isRecord, numberAt, recordAt, stringAt } from '../shared/json-view.js';
import { duplicates, missingField, TRAFFIC_ROUTING_PATH } from '../shared/problems.js';
import type { RouteContext } from '../types.js';

export interface TlsRouteSelector {
  port?: number;
  sniHosts: string[];
}

export interface VirtualServiceConfig {
  /** As written: `name` or `name.namespace`. */
  written: string;
  name: string;
  namespace: string;
  routes: string[];
  tlsRoutes: TlsRouteSelector[];
  tcpRoutes: Array<{ port?: number }>;
}

export interface DestinationRuleConfig {
  name: string;
  canarySubsetName: string;
  stableSubsetName: string;
  additionalSubsetNames: string[];
}

export interface IstioConfig {
  virtualServices: VirtualServiceConfig[];
  destinationRule?: DestinationRuleConfig;
}

const PATH = `${TRAFFIC_ROUTING_PATH}.istio`;

/** `name.namespace` splits as upstream does: the first two dot-separated fields. */
export function splitVirtualServiceName(
  written: string,
  rolloutNamespace: string,
): { name: string; namespace: string } {
  const [name = '', namespace] = written.split('.');
  return {
    name,
    namespace: namespace === undefined || namespace === '' ? rolloutNamespace : namespace,
  };
}

function readVirtualService(
  raw: unknown,
  path: string,
  ns: string,
  problems: string[],
): VirtualServiceConfig {
  const written = stringAt(raw, 'name') ?? '';
  if (written === '') problems.push(missingField(`${path}.name`));
  const routes = arrayAt(raw, 'routes').filter((r): r is string => typeof r === 'string');
  for (const d of duplicates(routes))
    problems.push(`${path}.routes lists HTTP route '${d}' more than once`);
  const port = (r: unknown, at: string): number | undefined => {
    const p = numberAt(r, 'port');
    if (p !== undefined && (!Number.isInteger(p) || p < 1 || p > 65535))
      problems.push(`${at}.port must be a port number (1-65535), got ${p}`);
    return p === undefined || p === 0 ? undefined : p;
  };
  const tlsRoutes = arrayAt(raw, 'tlsRoutes').map((r, i) => ({
    port: port(r, `${path}.tlsRoutes[${i}]`),
    sniHosts: arrayAt(r, 'sniHosts').filter((h): h is string => typeof h === 'string'),
  }));
  const tcpRoutes = arrayAt(raw, 'tcpRoutes').map((r, i) => ({
    port: port(r, `${path}.tcpRoutes[${i}]`),
  }));
  return { written, ...splitVirtualServiceName(written, ns), routes, tlsRoutes, tcpRoutes };
}

export function parseIstioConfig(ctx: RouteContext): { config: IstioConfig; problems: string[] } {
  const problems: string[] = [];
  const raw = ctx.config;
  if (!isRecord(raw))
    return { config: { virtualServices: [] }, problems: [`${PATH} must be an object`] };
  const ns = ctx.rollout.namespace;
  const single = recordAt(raw, 'virtualService');
  const many = arrayAt(raw, 'virtualServices');
  if (single !== undefined && many.length > 0)
    problems.push(`${PATH}: set either virtualService or virtualServices, not both`);
  if (single === undefined && many.length === 0)
    problems.push(missingField(`${PATH}.virtualService`));
  const virtualServices =
    single !== undefined
      ? [readVirtualService(single, `${PATH}.virtualService`, ns, problems)]
      : many.map((v, i) => readVirtualService(v, `${PATH}.virtualServices[${i}]`, ns, problems));
  for (const d of duplicates(virtualServices.map((v) => `${v.namespace}/${v.name}`)))
    problems.push(`${PATH} names VirtualService '${d}' more than once`);

  const managed = new Set(ctx.managedRoutes);
  for (const vs of virtualServices) {
    for (const r of vs.routes.filter((n) => managed.has(n))) {
      problems.push(
        `HTTP route '${r}' of VirtualService '${vs.written}' is also a managed route; managed routes are created and removed by the controller`,
      );
    }
  }

  const dr = recordAt(raw, 'destinationRule');
  let destinationRule: DestinationRuleConfig | undefined;
  if (dr !== undefined) {
    destinationRule = {
      name: stringAt(dr, 'name') ?? '',
      canarySubsetName: stringAt(dr, 'canarySubsetName') ?? '',
      stableSubsetName: stringAt(dr, 'stableSubsetName') ?? '',
      additionalSubsetNames: arrayAt(dr, 'additionalSubsetNames').filter(
        (s): s is string => typeof s === 'string',
      ),
    };
    for (const f of ['name', 'canarySubsetName', 'stableSubsetName'] as const) {
      if (destinationRule[f] === '') problems.push(missingField(`${PATH}.destinationRule.${f}`));
    }
    if (
      destinationRule.canarySubsetName !== '' &&
      destinationRule.canarySubsetName === destinationRule.stableSubsetName
    ) {
      problems.push(`${PATH}.destinationRule: canarySubsetName and stableSubsetName must differ`);
    }
  }
  return {
    config:
      destinationRule === undefined ? { virtualServices } : { virtualServices, destinationRule },
    problems,
  };
}
