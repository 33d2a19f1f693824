/** `trafficRouting.nginx` (spec §1.4) read into a typed view, with its problems (§1.11 style). */
import { arrayAt, isRecord, recordAt, stringAt } from '../shared/json-view.js';
import { duplicates, missingField, TRAFFIC_ROUTING_PATH } from '../shared/problems.js';
import type { RouteContext } from '../types.js';

export const DEFAULT_ANNOTATION_PREFIX = 'nginx.ingress.kubernetes.io';

export interface NginxConfig {
  /** `stableIngress` first, then `stableIngresses[]`, without repeats. */
  stableIngresses: string[];
  annotationPrefix: string;
  /** Keys already prefixed with `annotationPrefix`. */
  additionalIngressAnnotations: Record<string, string>;
  canaryIngressAnnotations: Record<string, string>;
}

const PATH = `${TRAFFIC_ROUTING_PATH}.nginx`;

/** The annotation keys the router always writes; config maps must not set them (they would fight the weight). */
export function weightKeys(prefix: string): { canary: string; weight: string; total: string } {
  return {
    canary: `${prefix}/canary`,
    weight: `${prefix}/canary-weight`,
    total: `${prefix}/canary-weight-total`,
  };
}

function readStringMap(raw: unknown, key: string, problems: string[]): Record<string, string> {
  const map = recordAt(raw, key) ?? {};
  if (isRecord(raw) && raw[key] !== undefined && raw[key] !== null && !isRecord(raw[key]))
    problems.push(`${PATH}.${key} must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) {
    if (typeof v === 'string') out[k] = v;
    else problems.push(`${PATH}.${key}.${k} must be a string, got ${JSON.stringify(v)}`);
  }
  return out;
}

/** Auto-prefixes `additionalIngressAnnotations` keys (`canary-by-header` ⇒ `<prefix>/canary-by-header`), as upstream does. */
function withPrefix(map: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(map).map(([k, v]) => [k.startsWith(prefix) ? k : `${prefix}/${k}`, v]),
  );
}

export function parseNginxConfig(ctx: RouteContext): { config: NginxConfig; problems: string[] } {
  const raw = ctx.config;
  const problems: string[] = [];
  if (!isRecord(raw)) problems.push(missingField(PATH));
  const single = stringAt(raw, 'stableIngress') ?? '';
  const listed = arrayAt(raw, 'stableIngresses');
  listed.forEach((n, i) => {
    if (typeof n !== 'string' || n === '')
      problems.push(`${PATH}.stableIngresses[${i}] must be a non-empty Ingress name`);
  });
  const names = [single, ...listed.filter((n): n is string => typeof n === 'string')].filter(
    (n) => n !== '',
  );
  if (isRecord(raw) && names.length === 0) problems.push(missingField(`${PATH}.stableIngress`));
  for (const d of duplicates(names))
    problems.push(`${PATH} names stable Ingress '${d}' more than once`);
  const prefix = stringAt(raw, 'annotationPrefix') || DEFAULT_ANNOTATION_PREFIX;
  const additional = withPrefix(
    readStringMap(raw, 'additionalIngressAnnotations', problems),
    prefix,
  );
  const verbatim = readStringMap(raw, 'canaryIngressAnnotations', problems);
  const reserved = Object.values(weightKeys(prefix));
  for (const [field, map] of [
    ['additionalIngressAnnotations', additional],
    ['canaryIngressAnnotations', verbatim],
  ] as const) {
    for (const key of Object.keys(map).filter((k) => reserved.includes(k))) {
      problems.push(`${PATH}.${field} must not set '${key}': the controller owns it`);
    }
  }
  const config: NginxConfig = {
    stableIngresses: [...new Set(names)],
    annotationPrefix: prefix,
    additionalIngressAnnotations: additional,
    canaryIngressAnnotations: verbatim,
  };
  return { config, problems };
}
