/**
 * setHeaderRoute / setMirrorRoute as extra HTTPRoute rules (spec §1.3, §4.2 plugins). A header
 * rule repeats each weighted rule's matches with the header conditions added (ANDed) and sends
 * to the canary only; a mirror rule carries the mirror matches, the weighted rule's backends and
 * a RequestMirror filter to the canary. Rules are written with the API defaults spelled out, so
 * the server's defaulting does not make them look changed.
 */
import {
  arrayAt,
  cloneJson,
  hasKey,
  isRecord,
  jsonEqual,
  recordAt,
} from '../../shared/json-view.js';
import type { ManagedRoute } from '../../shared/managed-routes.js';
import { prefixAsRegex, readMatch } from '../../shared/string-match.js';
import type { HeaderMatch, MirrorRoute, RouteContext } from '../../types.js';
import { refersTo } from './backend-refs.js';

type StringMatch = { exact?: string; prefix?: string; regex?: string };
const ROOT_PATH = { type: 'PathPrefix', value: '/' };

function headerMatch(
  name: string,
  m: StringMatch | undefined,
): Record<string, unknown> | undefined {
  const read = readMatch(m);
  if (read === undefined) return undefined;
  if (read.kind === 'exact') return { name, type: 'Exact', value: read.value };
  return {
    name,
    type: 'RegularExpression',
    value: read.kind === 'regex' ? read.value : prefixAsRegex(read.value),
  };
}

function pathMatch(m: StringMatch | undefined): Record<string, unknown> | undefined {
  const read = readMatch(m);
  if (read === undefined) return undefined;
  return {
    type: { exact: 'Exact', prefix: 'PathPrefix', regex: 'RegularExpression' }[read.kind],
    value: read.value,
  };
}

function baseMatches(rule: unknown): Array<Record<string, unknown>> {
  const matches = arrayAt(rule, 'matches').filter(isRecord);
  return matches.length > 0 ? matches.map((m) => cloneJson(m)) : [{ path: { ...ROOT_PATH } }];
}

/** The rule-level fields a managed rule keeps from the rule it shadows: its filters and timeouts. */
function inherited(rule: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['filters', 'timeouts'])
    if (hasKey(rule, key)) out[key] = cloneJson((rule as Record<string, unknown>)[key]);
  return out;
}

function canaryRef(rule: unknown, ctx: RouteContext, ns: string): Record<string, unknown> {
  const ref = arrayAt(rule, 'backendRefs').find((r) => refersTo(r, ctx.canaryService, ctx, ns));
  return { group: '', kind: 'Service', ...(cloneJson(ref) as Record<string, unknown>) };
}

export function buildHeaderRule(
  match: readonly HeaderMatch[],
  weighted: unknown,
  ctx: RouteContext,
  ns: string,
): Record<string, unknown> {
  const headers = match.flatMap((m) => headerMatch(m.headerName, m.headerValue) ?? []);
  const matches = baseMatches(weighted).map((m) => ({
    ...m,
    headers: [...arrayAt(m, 'headers'), ...headers],
  }));
  return {
    matches,
    ...inherited(weighted),
    backendRefs: [{ ...canaryRef(weighted, ctx, ns), weight: 1 }],
  };
}

/** Mirror matches as HTTPRouteMatches; a match without a path keeps the weighted rule's paths. */
function mirrorMatches(
  route: MirrorRoute,
  weighted: unknown,
): Array<Record<string, unknown>> | { error: string } {
  const out: Array<Record<string, unknown>> = [];
  for (const m of route.match) {
    const method = readMatch(m.method);
    if (method !== undefined && method.kind !== 'exact')
      return {
        error: `mirror route '${route.name}': Gateway API matches methods exactly, not by ${method.kind}`,
      };
    const headers = Object.entries(m.headers ?? {}).flatMap(
      ([name, v]) => headerMatch(name, v) ?? [],
    );
    const path = pathMatch(m.path);
    const bases = path === undefined ? baseMatches(weighted) : [{ path }];
    for (const base of bases) {
      const match: Record<string, unknown> = { ...base };
      if (path !== undefined) match.path = path;
      if (method !== undefined) match.method = method.value.toUpperCase();
      if (headers.length > 0) match.headers = [...arrayAt(base, 'headers'), ...headers];
      out.push(match);
    }
  }
  return out;
}

function isBuildError(r: Record<string, unknown> | { error: string }): r is { error: string } {
  return Object.keys(r).length === 1 && typeof r.error === 'string';
}

export function buildMirrorRule(
  route: MirrorRoute,
  weighted: Record<string, unknown>,
  ctx: RouteContext,
  ns: string,
): Record<string, unknown> | { error: string } {
  const matches = mirrorMatches(route, weighted);
  if (!Array.isArray(matches)) return matches;
  const { weight: _weight, filters: _filters, ...target } = canaryRef(weighted, ctx, ns);
  const requestMirror: Record<string, unknown> = { backendRef: target };
  if (route.percentage !== undefined && route.percentage < 100)
    requestMirror.percent = route.percentage;
  const own = inherited(weighted);
  const filters = [...arrayAt(own, 'filters'), { type: 'RequestMirror', requestMirror }];
  return { matches, ...own, filters, backendRefs: cloneJson(weighted.backendRefs) };
}

/** The rules each wanted managed route needs on a route: one per weighted rule. */
export function buildManagedRules(
  wanted: readonly ManagedRoute[],
  weightedRules: ReadonlyArray<Record<string, unknown>>,
  ctx: RouteContext,
  ns: string,
): Array<{ name: string; rules: Array<Record<string, unknown>> }> | { error: string } {
  const out: Array<{ name: string; rules: Array<Record<string, unknown>> }> = [];
  for (const m of wanted) {
    const rules: Array<Record<string, unknown>> = [];
    for (const w of weightedRules) {
      if (m.kind === 'header') {
        rules.push(buildHeaderRule(m.route.match, w, ctx, ns));
        continue;
      }
      const rule = buildMirrorRule(m.route, w, ctx, ns);
      if (isBuildError(rule)) return rule;
      rules.push(rule);
    }
    out.push({ name: m.route.name, rules });
  }
  return out;
}

/** A rule with the HTTPRoute defaults applied, for comparing what was written with what is read. */
function normalize(rule: unknown): unknown {
  if (!isRecord(rule)) return rule;
  const out: Record<string, unknown> = { ...rule };
  out.matches = baseMatches(rule).map((m) => ({
    ...m,
    path: Object.assign({ type: 'PathPrefix' }, recordAt(m, 'path') ?? ROOT_PATH),
    ...(hasKey(m, 'headers')
      ? {
          headers: arrayAt(m, 'headers').map((h) => ({ type: 'Exact', ...(isRecord(h) ? h : {}) })),
        }
      : {}),
  }));
  out.backendRefs = arrayAt(rule, 'backendRefs').map((r) => ({
    group: '',
    kind: 'Service',
    weight: 1,
    ...(isRecord(r) ? r : {}),
  }));
  return out;
}

export function sameRule(a: unknown, b: unknown): boolean {
  return jsonEqual(normalize(a), normalize(b));
}
