/**
 * Which HTTP, TLS and TCP routes of a VirtualService carry the split (spec §1.4): the named HTTP
 * routes, the TLS routes matching a port / SNI hosts, the TCP routes matching a port; a selector
 * left empty needs exactly one route of its type. Managed routes never count.
 */
import { arrayAt, numberAt, stringAt } from '../shared/json-view.js';
import type { TlsRouteSelector, VirtualServiceConfig } from './config.js';

export interface SelectedRoutes {
  http: number[];
  tls: number[];
  tcp: number[];
}

function single(kind: string, candidates: number[], vsName: string): number[] | string {
  if (candidates.length === 1) return candidates;
  return `VirtualService '${vsName}' must have exactly one ${kind} route when its ${kind} routes are not selected in the Rollout; it has ${candidates.length}`;
}

function matchesTls(route: unknown, sel: TlsRouteSelector): boolean {
  return arrayAt(route, 'match').some((m) => {
    if (sel.port !== undefined && numberAt(m, 'port') !== sel.port) return false;
    const sni = arrayAt(m, 'sniHosts');
    return sel.sniHosts.every((h) => sni.includes(h));
  });
}

export function selectRoutes(
  spec: unknown,
  cfg: VirtualServiceConfig,
  managed: ReadonlySet<string>,
  vsName: string,
): SelectedRoutes | { error: string } {
  const http = arrayAt(spec, 'http');
  const selected: SelectedRoutes = { http: [], tls: [], tcp: [] };
  if (cfg.routes.length > 0) {
    for (const name of cfg.routes) {
      const i = http.findIndex((r) => stringAt(r, 'name') === name);
      if (i === -1)
        return { error: `HTTP route '${name}' not found in VirtualService '${vsName}'` };
      selected.http.push(i);
    }
  } else if (cfg.tlsRoutes.length === 0 && cfg.tcpRoutes.length === 0) {
    const candidates = http.flatMap((r, i) => (managed.has(stringAt(r, 'name') ?? '') ? [] : [i]));
    const one = single('HTTP', candidates, vsName);
    if (typeof one === 'string') return { error: one };
    selected.http = one;
  }

  const tls = arrayAt(spec, 'tls');
  for (const sel of cfg.tlsRoutes) {
    let found: number[] | string;
    if (sel.port === undefined && sel.sniHosts.length === 0)
      found = single(
        'TLS',
        tls.map((_, i) => i),
        vsName,
      );
    else found = tls.flatMap((r, i) => (matchesTls(r, sel) ? [i] : []));
    if (typeof found === 'string') return { error: found };
    if (found.length === 0) {
      return {
        error: `TLS route (port ${sel.port ?? 'any'}, sniHosts [${sel.sniHosts.join(', ')}]) not found in VirtualService '${vsName}'`,
      };
    }
    for (const i of found) if (!selected.tls.includes(i)) selected.tls.push(i);
  }

  const tcp = arrayAt(spec, 'tcp');
  for (const sel of cfg.tcpRoutes) {
    let found: number[] | string;
    if (sel.port === undefined)
      found = single(
        'TCP',
        tcp.map((_, i) => i),
        vsName,
      );
    else
      found = tcp.flatMap((r, i) =>
        arrayAt(r, 'match').some((m) => numberAt(m, 'port') === sel.port) ? [i] : [],
      );
    if (typeof found === 'string') return { error: found };
    if (found.length === 0)
      return {
        error: `TCP route (port ${sel.port ?? 'any'}) not found in VirtualService '${vsName}'`,
      };
    for (const i of found) if (!selected.tcp.includes(i)) selected.tcp.push(i);
  }
  return selected;
}
