/**
 * `trafficRouting.smi` (spec §1.4) read into a typed view, with its problems (§1.11 style).
 *
 * `apiVersion` is this project's addition: upstream picks the TrafficSplit version with a controller
 * flag (`--traffic-split-api-version`, spec §4.2), which a per-request handler does not have. The
 * upstream Rollout CRD prunes the field, so there it always reads as the v1alpha1 default.
 */
import { isRecord, stringAt } from '../shared/json-view.js';
import { missingField, TRAFFIC_ROUTING_PATH } from '../shared/problems.js';
import type { RouteContext } from '../types.js';

export const SMI_API_VERSIONS = [
  'split.smi-spec.io/v1alpha1',
  'split.smi-spec.io/v1alpha2',
  'split.smi-spec.io/v1alpha3',
] as const;
export type SmiApiVersion = (typeof SMI_API_VERSIONS)[number];

export interface SmiConfig {
  apiVersion: SmiApiVersion;
  trafficSplitName: string;
  rootService: string;
}

const PATH = `${TRAFFIC_ROUTING_PATH}.smi`;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function optionalString(raw: unknown, key: string, problems: string[]): string {
  const value = isRecord(raw) ? raw[key] : undefined;
  if (value !== undefined && value !== null && typeof value !== 'string')
    problems.push(`${PATH}.${key} must be a string, got ${JSON.stringify(value)}`);
  return stringAt(raw, key) ?? '';
}

function isSmiApiVersion(v: string): v is SmiApiVersion {
  return (SMI_API_VERSIONS as readonly string[]).includes(v);
}

export function parseSmiConfig(ctx: RouteContext): { config: SmiConfig; problems: string[] } {
  const raw = ctx.config;
  const problems: string[] = [];
  if (!isRecord(raw)) problems.push(missingField(PATH));
  const name = optionalString(raw, 'trafficSplitName', problems) || ctx.rollout.name;
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name))
    problems.push(
      `${PATH}.trafficSplitName '${name}' is not a valid object name (lower-case DNS subdomain)`,
    );
  const rootService = optionalString(raw, 'rootService', problems) || ctx.stableService;
  const written = optionalString(raw, 'apiVersion', problems);
  const apiVersion: SmiApiVersion =
    written === '' || !isSmiApiVersion(written) ? SMI_API_VERSIONS[0] : written;
  if (written !== '' && !isSmiApiVersion(written))
    problems.push(
      `${PATH}.apiVersion '${written}' is not supported; use one of ${SMI_API_VERSIONS.join(', ')}`,
    );
  return { config: { apiVersion, trafficSplitName: name, rootService }, problems };
}
