/**
 * setHeaderRoute for APISIX (spec §4.2): a separate ApisixRoute named after the header route, a
 * clone of the split rules with the stable backend dropped, the canary at weight 100, priority
 * raised by one and the header conditions added to `match.exprs`. Owned by the Rollout; deleted
 * when the route is no longer desired.
 */
import { ANNOTATIONS } from '../../../domain/keys.js';
import {
  arrayAt,
  cloneJson,
  isRecord,
  jsonEqual,
  numberAt,
  recordAt,
  stringAt,
} from '../shared/json-view.js';
import { PatchBuilder } from '../shared/json-patch.js';
import {
  describe,
  isOwnedBy,
  lookup,
  managedBy,
  rolloutOwnerReference,
} from '../shared/objects.js';
import { prefixAsRegex, readMatch } from '../shared/string-match.js';
import type { HeaderRoute, KubeObjectJson, Observed, ObjectWrite, RouteContext } from '../types.js';
import { apisixRouteRef } from './config.js';
import type { SplitRule } from './weights.js';

function headerExprs(route: HeaderRoute): Array<Record<string, unknown>> {
  return route.match.flatMap((m) => {
    const read = readMatch(m.headerValue);
    if (read === undefined) return [];
    const subject = { scope: 'Header', name: m.headerName };
    if (read.kind === 'exact') return [{ subject, op: 'Equal', value: read.value }];
    return [
      {
        subject,
        op: 'RegexMatch',
        value: read.kind === 'regex' ? read.value : prefixAsRegex(read.value),
      },
    ];
  });
}

function headerRule(rule: unknown, route: HeaderRoute, ctx: RouteContext): Record<string, unknown> {
  const copy = cloneJson(rule) as Record<string, unknown>;
  const match = recordAt(copy, 'match') ?? {};
  copy.priority = (numberAt(copy, 'priority') ?? 0) + 1;
  copy.match = { ...match, exprs: [...arrayAt(match, 'exprs'), ...headerExprs(route)] };
  copy.backends = arrayAt(copy, 'backends')
    .filter((b) => stringAt(b, 'serviceName') === ctx.canaryService)
    .map((b) => ({ ...(isRecord(b) ? b : {}), weight: 100 }));
  return copy;
}

export function buildHeaderRouteSpec(
  base: KubeObjectJson,
  rules: readonly SplitRule[],
  route: HeaderRoute,
  ctx: RouteContext,
): Record<string, unknown> {
  const { http: _http, stream: _stream, ...rest } = cloneJson(recordAt(base, 'spec') ?? {});
  return { ...rest, http: rules.map((r) => headerRule(r.rule, route, ctx)) };
}

function isMine(o: KubeObjectJson, ctx: RouteContext): boolean {
  return isOwnedBy(o, ctx) || managedBy(o) === ctx.rollout.name;
}

/** Creates, updates or deletes the header-route ApisixRoutes so exactly the desired ones exist. */
export function planHeaderRoutes(
  ctx: RouteContext,
  observed: Observed,
  base: KubeObjectJson,
  rules: readonly SplitRule[],
  wanted: readonly HeaderRoute[],
  managedNames: ReadonlySet<string>,
): ObjectWrite[] | { error: string } {
  const writes: ObjectWrite[] = [];
  for (const route of wanted) {
    const ref = apisixRouteRef(ctx, route.name);
    const spec = buildHeaderRouteSpec(base, rules, route, ctx);
    const current = lookup(observed, ref);
    if (current === undefined) {
      const metadata: KubeObjectJson['metadata'] = {
        name: route.name,
        namespace: ctx.rollout.namespace,
        ...(base.metadata.labels === undefined ? {} : { labels: { ...base.metadata.labels } }),
        annotations: { [ANNOTATIONS.managedBy]: ctx.rollout.name },
        ownerReferences: [rolloutOwnerReference(ctx)],
      };
      writes.push({
        op: 'create',
        object: { apiVersion: base.apiVersion, kind: 'ApisixRoute', metadata, spec },
      });
      continue;
    }
    if (!isMine(current, ctx))
      return {
        error: `${describe(ref)} exists and is not managed by Rollout '${ctx.rollout.name}'`,
      };
    if (jsonEqual(current.spec, spec)) continue;
    const write = new PatchBuilder()
      .set('/spec', spec, { exists: current.spec !== undefined, value: current.spec })
      .build(ref, current);
    if (write !== undefined) writes.push(write);
  }
  const keep = new Set(wanted.map((r) => r.name));
  for (const name of managedNames) {
    if (keep.has(name)) continue;
    const ref = apisixRouteRef(ctx, name);
    const current = lookup(observed, ref);
    if (current !== undefined && isMine(current, ctx)) writes.push({ op: 'delete', ref });
  }
  return writes;
}
