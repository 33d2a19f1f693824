/**
 * The TrafficSplit's owned fields, `spec.service` and `spec.backends`, in each version's shape:
 * v1alpha1 weights are Kubernetes quantities (written as strings, `"30"`), v1alpha2 and v1alpha3
 * weights are integers. Everything else on the split (v1alpha3 `matches`, labels, annotations) is not
 * the router's.
 */
import type { Split } from '../shared/weights.js';
import { arrayAt, isRecord, recordAt, stringAt } from '../shared/json-view.js';
import type { KubeObjectJson, ObjectRef } from '../types.js';
import type { SmiApiVersion } from './config.js';

export interface Backend {
  service: string;
  weight: number | string;
}

export function trafficSplitRef(
  apiVersion: SmiApiVersion,
  namespace: string,
  name: string,
): ObjectRef {
  return { apiVersion, kind: 'TrafficSplit', namespace, name };
}

function writeWeight(apiVersion: SmiApiVersion, weight: number): number | string {
  return apiVersion === 'split.smi-spec.io/v1alpha1' ? String(weight) : weight;
}

/** canary, then the additional destinations, then stable (spec §4.2). */
export function buildBackends(
  apiVersion: SmiApiVersion,
  names: { canary: string; stable: string },
  split: Split,
): Backend[] {
  return [
    { service: names.canary, weight: writeWeight(apiVersion, split.canary) },
    ...split.additional.map((a) => ({
      service: a.serviceName,
      weight: writeWeight(apiVersion, a.weight),
    })),
    { service: names.stable, weight: writeWeight(apiVersion, split.stable) },
  ];
}

/** A whole-number weight, as a number or a plain quantity string (`"30"`); anything else is unreadable. */
export function parseWeight(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The backends as written, or undefined when one is unreadable. */
export function readBackends(
  split: KubeObjectJson,
): Array<{ service: string; weight: number }> | undefined {
  const out: Array<{ service: string; weight: number }> = [];
  for (const b of arrayAt(recordAt(split, 'spec'), 'backends')) {
    const service = stringAt(b, 'service');
    const weight = parseWeight(isRecord(b) ? b['weight'] : undefined);
    if (service === undefined || weight === undefined) return undefined;
    out.push({ service, weight });
  }
  return out;
}
