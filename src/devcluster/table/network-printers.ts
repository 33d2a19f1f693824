// Rows for Service, Endpoints and Ingress (printService, printEndpoints, printIngress in
// pkg/printers/internalversion/printers.go). The API server prints with Wide: true, so nothing is clipped.
import { int, list, nameOf, rec, str, type Json } from './json-view.js';
import { AGE_COLUMN, NAME_COLUMN, ageOf, column, formatLabels } from './printer-kit.js';
import type { TablePrinter } from './types.js';

/** Load-balancer ingress points: IPs, else hostnames, de-duplicated and sorted. */
function loadBalancerText(status: unknown): string {
  const points = list(rec(status).ingress).map((i) => str(rec(i).ip) || str(rec(i).hostname));
  return [...new Set(points.filter((p) => p !== ''))].sort().join(',');
}

function externalIp(spec: Json, status: Json, type: string): string {
  const externalIPs = list(spec.externalIPs).map(str);
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerText(status.loadBalancer);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** makePortString: `80/TCP,443:30443/TCP`. */
function portsText(ports: unknown): string {
  return list(ports)
    .map(rec)
    .map((p) => {
      const protocol = str(p.protocol) || 'TCP';
      const nodePort = int(p.nodePort);
      return nodePort > 0 ? `${int(p.port)}:${nodePort}/${protocol}` : `${int(p.port)}/${protocol}`;
    })
    .join(',');
}

export const SERVICE_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'type determines how the Service is exposed.'),
    column(
      'Cluster-IP',
      'clusterIP is the IP address of the service and is usually assigned randomly.',
    ),
    column(
      'External-IP',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic.',
    ),
    column('Port(s)', 'The list of ports that are exposed by this service.'),
    AGE_COLUMN,
    column(
      'Selector',
      'Route service traffic to pods with label keys and values matching this selector.',
      { wide: true },
    ),
  ],
  cells(svc, now) {
    const spec = rec(rec(svc).spec);
    const type = str(spec.type) || 'ClusterIP';
    // The v1 conversion fills clusterIPs from clusterIP.
    const clusterIp = str(list(spec.clusterIPs)[0]) || str(spec.clusterIP) || '<none>';
    return [
      nameOf(svc),
      type,
      clusterIp,
      externalIp(spec, rec(rec(svc).status), type),
      portsText(spec.ports) || '<none>',
      ageOf(svc, now),
      formatLabels(spec.selector),
    ];
  },
};

const joinHostPort = (host: string, port: number): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/** formatEndpoints: up to three `ip:port`, then "+ N more...". */
function endpointsText(subsets: unknown): string {
  const all = list(subsets).map(rec);
  if (all.length === 0) return '<none>';
  const max = 3;
  const shown: string[] = [];
  let count = 0;
  for (const subset of all) {
    const ips = list(subset.addresses).map((a) => str(rec(a).ip));
    const ports = list(subset.ports).map((p) => int(rec(p).port));
    // Headless services may have no ports: list the bare addresses.
    const entries =
      ports.length === 0 ? ips : ports.flatMap((port) => ips.map((ip) => joinHostPort(ip, port)));
    count += entries.length;
    shown.push(...entries.slice(0, Math.max(0, max - shown.length)));
  }
  const text = shown.join(',');
  return count > max ? `${text} + ${count - max} more...` : text;
}

export const ENDPOINTS_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Endpoints', 'The set of all endpoints is the union of all subsets.'),
    AGE_COLUMN,
  ],
  cells: (ep, now) => [nameOf(ep), endpointsText(rec(ep).subsets), ageOf(ep, now)],
};

/** formatHosts: up to three rule hosts then "+ N more..." (N counts rules), "*" when none names a host. */
function hostsText(rules: unknown): string {
  const all = list(rules).map(rec);
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const rule of all) {
    if (hosts.length === max) more = true;
    if (!more && str(rule.host) !== '') hosts.push(str(rule.host));
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${all.length - max} more...` : hosts.join(',');
}

export const INGRESS_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column(
      'Class',
      'The name of the IngressClass resource that should be used for additional configuration',
    ),
    column('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'Ports of TLS configurations that open'),
    AGE_COLUMN,
  ],
  cells(ing, now) {
    const spec = rec(rec(ing).spec);
    return [
      nameOf(ing),
      str(spec.ingressClassName) || '<none>',
      hostsText(spec.rules),
      loadBalancerText(rec(rec(ing).status).loadBalancer),
      list(spec.tls).length > 0 ? '80, 443' : '80',
      ageOf(ing, now),
    ];
  },
};
