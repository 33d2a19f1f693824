/** The Ingresses the NGINX router reads: each stable Ingress and its canary (spec §1.10). */
import type { ObjectRef, RouteContext } from '../types.js';
import type { NginxConfig } from './config.js';

export const INGRESS_API_VERSION = 'networking.k8s.io/v1';

/** Kubernetes object names are at most 253 characters. */
const MAX_NAME = 253;
const SUFFIX = '-canary';

/** `<rollout>-<stableIngress>-canary`, the prefix cut so the whole name fits in 253 characters. */
export function canaryIngressName(rollout: string, stableIngress: string): string {
  return `${rollout}-${stableIngress}`.slice(0, MAX_NAME - SUFFIX.length) + SUFFIX;
}

export function ingressRef(ctx: RouteContext, name: string): ObjectRef {
  return {
    apiVersion: INGRESS_API_VERSION,
    kind: 'Ingress',
    namespace: ctx.rollout.namespace,
    name,
  };
}

export interface IngressPair {
  stable: ObjectRef;
  canary: ObjectRef;
}

export function ingressPairs(ctx: RouteContext, config: NginxConfig): IngressPair[] {
  return config.stableIngresses.map((name) => ({
    stable: ingressRef(ctx, name),
    canary: ingressRef(ctx, canaryIngressName(ctx.rollout.name, name)),
  }));
}

export function nginxRefs(ctx: RouteContext, config: NginxConfig): ObjectRef[] {
  return ingressPairs(ctx, config).flatMap((p) => [p.stable, p.canary]);
}
