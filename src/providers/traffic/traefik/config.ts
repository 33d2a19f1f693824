/**
 * `trafficRouting.traefik` (spec §1.4) read into a typed view, with its problems (§1.11 style).
 *
 * `apiVersion` is this project's addition (upstream picks the group with a controller flag); the
 * upstream Rollout CRD prunes it, so there the `traefik.io/v1alpha1` default applies.
 */
import { isRecord, stringAt } from '../shared/json-view.js';
import { missingField, TRAFFIC_ROUTING_PATH } from '../shared/problems.js';
import type { ObjectRef, RouteContext } from '../types.js';

export const TRAEFIK_API_VERSIONS = [
  'traefik.io/v1alpha1',
  'traefik.containo.us/v1alpha1',
] as const;
export type TraefikApiVersion = (typeof TRAEFIK_API_VERSIONS)[number];

export interface TraefikConfig {
  apiVersion: TraefikApiVersion;
  weightedTraefikServiceName: string;
}

const PATH = `${TRAFFIC_ROUTING_PATH}.traefik`;

function isTraefikApiVersion(v: string): v is TraefikApiVersion {
  return (TRAEFIK_API_VERSIONS as readonly string[]).includes(v);
}

export function parseTraefikConfig(ctx: RouteContext): {
  config: TraefikConfig;
  problems: string[];
} {
  const raw = ctx.config;
  const problems: string[] = [];
  const name = stringAt(raw, 'weightedTraefikServiceName') ?? '';
  if (name === '') problems.push(missingField(`${PATH}.weightedTraefikServiceName`));
  const written = stringAt(raw, 'apiVersion') ?? '';
  if (isRecord(raw) && raw['apiVersion'] !== undefined && !isTraefikApiVersion(written)) {
    problems.push(
      `${PATH}.apiVersion ${JSON.stringify(raw['apiVersion'])} is not supported; use one of ${TRAEFIK_API_VERSIONS.join(', ')}`,
    );
  }
  const apiVersion: TraefikApiVersion = isTraefikApiVersion(written)
    ? written
    : TRAEFIK_API_VERSIONS[0];
  return { config: { apiVersion, weightedTraefikServiceName: name }, problems };
}

export function traefikServiceRef(ctx: RouteContext): ObjectRef {
  const { config } = parseTraefikConfig(ctx);
  return {
    apiVersion: config.apiVersion,
    kind: 'TraefikService',
    namespace: ctx.rollout.namespace,
    name: config.weightedTraefikServiceName,
  };
}
