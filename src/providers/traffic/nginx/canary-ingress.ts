/**
 * The canary Ingress as the NGINX router wants it (spec §4.2): built from the stable Ingress, owned by
 * the Rollout. Only the fields listed here are the router's; anything else a third party puts on the
 * canary Ingress (annotations, labels, other spec fields) is left alone.
 */
import { arrayAt, cloneJson, isRecord, recordAt, stringAt } from '../shared/json-view.js';
import { describe } from '../shared/objects.js';
import type { KubeObjectJson, ObjectRef, RouteContext } from '../types.js';
import { weightKeys, type NginxConfig } from './config.js';

const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** The owned parts; `null` means "must be absent". */
export interface CanaryIngressParts {
  annotations: Record<string, string | null>;
  spec: { ingressClassName: string | null; tls: unknown[] | null; rules: unknown[] };
}

/** A copy of `rule` with every path backend on stableService pointed at canaryService, or undefined when none is. */
function rewriteRule(rule: unknown, ctx: RouteContext): unknown {
  const copy = cloneJson(rule);
  let rewritten = false;
  for (const path of arrayAt(recordAt(copy, 'http'), 'paths')) {
    const service = recordAt(recordAt(path, 'backend'), 'service');
    if (service !== undefined && stringAt(service, 'name') === ctx.stableService) {
      service['name'] = ctx.canaryService;
      rewritten = true;
    }
  }
  return rewritten ? copy : undefined;
}

/** The rules, TLS and class copied from the stable Ingress, or why it cannot be canaried. */
export function buildCanarySpec(
  stable: KubeObjectJson,
  stableRef: ObjectRef,
  ctx: RouteContext,
): CanaryIngressParts['spec'] | { error: string } {
  const spec = recordAt(stable, 'spec');
  const rules = arrayAt(spec, 'rules').flatMap((rule) => {
    const r = rewriteRule(rule, ctx);
    return r === undefined ? [] : [r];
  });
  if (rules.length === 0)
    return {
      error: `${describe(stableRef)} has no rules using service '${ctx.stableService}' as a backend`,
    };
  const tls =
    isRecord(spec) && Array.isArray(spec['tls']) ? cloneJson(spec['tls'] as unknown[]) : null;
  return { ingressClassName: stringAt(spec, 'ingressClassName') ?? null, tls, rules };
}

/** The annotations the canary Ingress must carry for `weight`. */
export function buildCanaryAnnotations(
  stable: KubeObjectJson,
  ctx: RouteContext,
  config: NginxConfig,
  weight: number,
): CanaryIngressParts['annotations'] {
  const keys = weightKeys(config.annotationPrefix);
  return {
    [INGRESS_CLASS_ANNOTATION]: stable.metadata.annotations?.[INGRESS_CLASS_ANNOTATION] ?? null,
    ...config.additionalIngressAnnotations,
    [keys.canary]: 'true',
    [keys.weight]: String(weight),
    // nginx's own default total is 100, so the annotation is only needed (and only kept) otherwise.
    [keys.total]: ctx.maxTrafficWeight === 100 ? null : String(ctx.maxTrafficWeight),
    ...config.canaryIngressAnnotations,
  };
}

function present<T>(entries: Record<string, T | null>): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).filter((e): e is [string, T] => e[1] !== null));
}

/** A new canary Ingress carrying the owned parts. */
export function buildCanaryIngress(
  ref: ObjectRef,
  parts: CanaryIngressParts,
  owner: NonNullable<KubeObjectJson['metadata']['ownerReferences']>[number],
): KubeObjectJson {
  return {
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: {
      name: ref.name,
      namespace: ref.namespace,
      annotations: present(parts.annotations),
      ownerReferences: [owner],
    },
    spec: present<unknown>(parts.spec),
  };
}
