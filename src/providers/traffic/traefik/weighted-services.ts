/** The `spec.weighted.services[]` entries of a TraefikService the router weights: canary and stable only. */
import { arrayAt, numberAt, recordAt, stringAt } from '../shared/json-view.js';
import { describe } from '../shared/objects.js';
import type { KubeObjectJson, ObjectRef, RouteContext } from '../types.js';

export interface WeightedEntry {
  index: number;
  name: string;
  weight: number | undefined;
  hasWeight: boolean;
}

export interface WeightedPair {
  canary: WeightedEntry;
  stable: WeightedEntry;
}

function findEntry(services: unknown[], name: string): WeightedEntry | undefined {
  const index = services.findIndex((s) => stringAt(s, 'name') === name);
  const entry = services[index];
  if (entry === undefined) return undefined;
  return {
    index,
    name,
    weight: numberAt(entry, 'weight'),
    hasWeight: typeof entry === 'object' && entry !== null && Object.hasOwn(entry, 'weight'),
  };
}

/** The canary and stable entries (first of each name, as upstream), or why they cannot be weighted. */
export function findWeightedPair(
  service: KubeObjectJson,
  ref: ObjectRef,
  ctx: RouteContext,
): WeightedPair | { error: string } {
  const weighted = recordAt(recordAt(service, 'spec'), 'weighted');
  if (weighted === undefined || !Array.isArray(weighted['services']))
    return { error: `${describe(ref)} has no spec.weighted.services` };
  const services = arrayAt(weighted, 'services');
  const canary = findEntry(services, ctx.canaryService);
  const stable = findEntry(services, ctx.stableService);
  if (canary === undefined)
    return {
      error: `${describe(ref)} has no weighted service named '${ctx.canaryService}' (the canary service)`,
    };
  if (stable === undefined)
    return {
      error: `${describe(ref)} has no weighted service named '${ctx.stableService}' (the stable service)`,
    };
  return { canary, stable };
}
