import { invalid, type FieldError } from './field-error.js';
import { MSG } from './messages.js';
import type { Routers } from './traffic-routing.js';
import { asArray, asNumber, asString, field, isRecord, isSet } from './view.js';

/** A `StringMatch` as Go's `json.Marshal` prints it (exact, prefix, regex; empty ones omitted). */
export function stringMatchAsGoValue(m: unknown): unknown {
  if (!isSet(m)) return null;
  const out: Record<string, string> = {};
  for (const k of ['exact', 'prefix', 'regex'] as const) {
    const v = asString(field(m, k));
    if (v !== '') out[k] = v;
  }
  return out;
}

/** Exactly one of exact/regex/prefix. */
function checkOneOf(m: unknown, path: string): FieldError[] {
  if (!isSet(m)) return [invalid(path, null, MSG.stringMatchMissed)];
  const count = ['exact', 'regex', 'prefix'].filter((k) => asString(field(m, k)) !== '').length;
  if (count > 1) return [invalid(path, stringMatchAsGoValue(m), MSG.stringMatchMultiple)];
  if (count === 0) return [invalid(path, stringMatchAsGoValue(m), MSG.stringMatchMissed)];
  return [];
}

/** ALB matches headers by exact value only. */
function checkAlbValue(m: unknown, path: string): FieldError[] {
  if (!isSet(m)) return [invalid(path, null, MSG.stringMatchMissed)];
  if (
    asString(field(m, 'exact')) === '' ||
    asString(field(m, 'regex')) !== '' ||
    asString(field(m, 'prefix')) !== ''
  ) {
    return [invalid(path, stringMatchAsGoValue(m), MSG.setHeaderRouteAlbValue)];
  }
  return [];
}

function headerRouteAsGoValue(route: unknown): unknown {
  const out: Record<string, unknown> = {};
  const name = asString(field(route, 'name'));
  if (name !== '') out.name = name;
  const match = asArray(field(route, 'match'));
  if (match.length > 0) {
    out.match = match.map((m) => ({
      headerName: asString(field(m, 'headerName')),
      headerValue: stringMatchAsGoValue(field(m, 'headerValue')),
    }));
  }
  return out;
}

function mirrorRouteAsGoValue(route: unknown): unknown {
  const out: Record<string, unknown> = { name: asString(field(route, 'name')) };
  const match = asArray(field(route, 'match'));
  if (match.length > 0) {
    out.match = match.map((m) => {
      const r: Record<string, unknown> = {};
      if (isSet(field(m, 'method'))) r.method = stringMatchAsGoValue(field(m, 'method'));
      if (isSet(field(m, 'path'))) r.path = stringMatchAsGoValue(field(m, 'path'));
      const headers = field(m, 'headers');
      if (isRecord(headers) && Object.keys(headers).length > 0) {
        r.headers = Object.fromEntries(
          Object.keys(headers)
            .sort()
            .map((k) => [k, stringMatchAsGoValue(headers[k])]),
        );
      }
      return r;
    });
  }
  const percentage = asNumber(field(route, 'percentage'));
  if (percentage !== undefined) out.percentage = percentage;
  return out;
}

/** `setHeaderRoute`: needs Istio, ALB, APISIX or a plugin; each match value checked per router. */
export function validateSetHeaderRoute(
  route: unknown,
  routers: Routers,
  stepPath: string,
): FieldError[] {
  const path = `${stepPath}.setHeaderRoute`;
  if (!routers.set || (!routers.istio && !routers.alb && !routers.apisix && !routers.plugins)) {
    return [invalid(path, headerRouteAsGoValue(route), MSG.setHeaderRouteTrafficPolicy)];
  }
  return asArray(field(route, 'match')).flatMap((m, j) => {
    const value = field(m, 'headerValue');
    return routers.alb
      ? checkAlbValue(value, `${path}.match[${j}]`)
      : checkOneOf(value, `${path}.match[${j}]`);
  });
}

/** `setMirrorRoute`: needs Istio or a plugin; method and path matches checked. */
export function validateSetMirrorRoute(
  route: unknown,
  routers: Routers,
  stepPath: string,
): FieldError[] {
  const path = `${stepPath}.setMirrorRoute`;
  const errs: FieldError[] = [];
  if (!routers.set || (!routers.istio && !routers.plugins)) {
    errs.push(invalid(path, mirrorRouteAsGoValue(route), MSG.setMirrorRouteTrafficPolicy));
  }
  asArray(field(route, 'match')).forEach((m, j) => {
    const at = `${path}.match[${j}]`;
    const method = field(m, 'method');
    const uri = field(m, 'path');
    if (isSet(method)) errs.push(...checkOneOf(method, at));
    if (isSet(uri)) errs.push(...checkOneOf(uri, at));
    // Upstream checks `method` a second time where `headers` was presumably meant; kept so the
    // list (and so the first error) matches upstream's.
    if (isSet(method)) errs.push(...checkOneOf(method, at));
  });
  return errs;
}

/** A header or mirror step must name one of `trafficRouting.managedRoutes`. */
export function validateRouteInManagedRoutes(
  name: string,
  managedRoutes: unknown,
  path: string,
): FieldError[] {
  const found = asArray(managedRoutes).some((r) => asString(field(r, 'name')) === name);
  return found ? [] : [invalid(path, name, MSG.stepRouteNotInManagedRoutes)];
}
