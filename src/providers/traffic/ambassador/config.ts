/**
 * `trafficRouting.ambassador` (spec §1.4) read into a typed view, with its problems (§1.11 style).
 *
 * `apiVersion` is this project's addition (upstream picks it with `--ambassador-api-version`); the
 * upstream Rollout CRD prunes it, so there the `getambassador.io/v2` default applies. Mapping's
 * `service` and `weight` mean the same in v2 and v3alpha1, so only the apiVersion differs.
 */
import { arrayAt, isRecord, stringAt } from '../shared/json-view.js';
import { duplicates, missingField, TRAFFIC_ROUTING_PATH } from '../shared/problems.js';
import type { ObjectRef, RouteContext } from '../types.js';

export const AMBASSADOR_API_VERSIONS = [
  'getambassador.io/v2',
  'getambassador.io/v3alpha1',
] as const;
export type AmbassadorApiVersion = (typeof AMBASSADOR_API_VERSIONS)[number];

export interface AmbassadorConfig {
  apiVersion: AmbassadorApiVersion;
  mappings: string[];
}

const PATH = `${TRAFFIC_ROUTING_PATH}.ambassador`;
const CANARY_SUFFIX = '-canary';

function isAmbassadorApiVersion(v: string): v is AmbassadorApiVersion {
  return (AMBASSADOR_API_VERSIONS as readonly string[]).includes(v);
}

export function parseAmbassadorConfig(ctx: RouteContext): {
  config: AmbassadorConfig;
  problems: string[];
} {
  const raw = ctx.config;
  const problems: string[] = [];
  const listed = arrayAt(raw, 'mappings');
  if (listed.length === 0) problems.push(missingField(`${PATH}.mappings`));
  listed.forEach((m, i) => {
    if (typeof m !== 'string' || m === '')
      problems.push(`${PATH}.mappings[${i}] must be a non-empty Mapping name`);
  });
  const mappings = listed.filter((m): m is string => typeof m === 'string' && m !== '');
  for (const d of duplicates(mappings))
    problems.push(`${PATH}.mappings lists '${d}' more than once`);
  for (const m of mappings.filter((m) => mappings.includes(`${m}${CANARY_SUFFIX}`))) {
    problems.push(`${PATH}.mappings lists both '${m}' and its canary clone '${m}${CANARY_SUFFIX}'`);
  }
  const written = stringAt(raw, 'apiVersion') ?? '';
  if (isRecord(raw) && raw['apiVersion'] !== undefined && !isAmbassadorApiVersion(written)) {
    problems.push(
      `${PATH}.apiVersion ${JSON.stringify(raw['apiVersion'])} is not supported; use one of ${AMBASSADOR_API_VERSIONS.join(', ')}`,
    );
  }
  const apiVersion: AmbassadorApiVersion = isAmbassadorApiVersion(written)
    ? written
    : AMBASSADOR_API_VERSIONS[0];
  return { config: { apiVersion, mappings: [...new Set(mappings)] }, problems };
}

export interface MappingPair {
  base: ObjectRef;
  canary: ObjectRef;
}

/** Each listed Mapping and its `<mapping>-canary` clone (spec §1.10). */
export function mappingPairs(ctx: RouteContext, config: AmbassadorConfig): MappingPair[] {
  const ref = (name: string): ObjectRef => ({
    apiVersion: config.apiVersion,
    kind: 'Mapping',
    namespace: ctx.rollout.namespace,
    name,
  });
  return config.mappings.map((name) => ({
    base: ref(name),
    canary: ref(`${name}${CANARY_SUFFIX}`),
  }));
}

export function ambassadorRefs(ctx: RouteContext): ObjectRef[] {
  return mappingPairs(ctx, parseAmbassadorConfig(ctx).config).flatMap((p) => [p.base, p.canary]);
}
