/**
 * Small read-only views of the traffic objects a Rollout routes through (NGINX Ingress, Istio
 * VirtualService, SMI TrafficSplit): the fields that carry weights, headers and backends, as one
 * line each, so a point shows what a mesh or ingress controller would act on. Pure.
 */
import type { KubeObj } from './trajectory.js';

const NGINX = 'nginx.ingress.kubernetes.io/';

interface IngressSpec {
  rules?: { http?: { paths?: { backend?: { service?: { name?: string } } }[] } }[];
}

/** `backend <svc>` plus the canary annotations (weight, header) when the Ingress carries them. */
export function describeIngress(o: KubeObj): string {
  const spec = (o.spec ?? {}) as IngressSpec;
  const backends = (spec.rules ?? [])
    .flatMap((r) => r.http?.paths ?? [])
    .map((p) => p.backend?.service?.name ?? '?');
  const canary = Object.entries(o.metadata.annotations ?? {})
    .filter(([k]) => k.startsWith(`${NGINX}canary`))
    .map(([k, v]) => `${k.slice(NGINX.length)}=${v}`)
    .sort();
  return [`backend ${backends.join(',') || '-'}`, ...canary].join(' ');
}

interface HttpRoute {
  name?: string;
  match?: { headers?: Record<string, Record<string, string>> }[];
  route?: { destination?: { host?: string; subset?: string }; weight?: number }[];
}

/** Each HTTP route as `name[match]: host=weight,…`, in the order the VirtualService lists them. */
export function describeVirtualService(o: KubeObj): string {
  const routes = ((o.spec ?? {}) as { http?: HttpRoute[] }).http ?? [];
  return routes
    .map((r) => {
      const match = r.match?.length ? JSON.stringify(r.match) : '';
      const to = (r.route ?? [])
        .map((d) => {
          const dest = `${d.destination?.host ?? '?'}${d.destination?.subset ? `/${d.destination.subset}` : ''}`;
          return `${dest}=${d.weight ?? 0}`;
        })
        .join(',');
      return `${r.name ?? '-'}${match}: ${to}`;
    })
    .join(' | ');
}

/** `root → svc=weight,…`; v1alpha1 writes weights as quantities ("50"), later versions as numbers. */
export function describeTrafficSplit(o: KubeObj): string {
  const spec = (o.spec ?? {}) as {
    service?: string;
    backends?: { service?: string; weight?: number | string }[];
  };
  const backends = (spec.backends ?? []).map((b) => `${b.service ?? '?'}=${String(b.weight)}`);
  return `${spec.service ?? '-'} → ${backends.join(',')}`;
}
