/**
 * The weighted destinations of one HTTP, TLS or TCP route (`route[]`): which is canary, stable or
 * an experiment's, and the ops that give them the split (spec §4.2, Istio).
 */
import { arrayAt, cloneJson, hasKey, numberAt, recordAt, stringAt } from '../shared/json-view.js';
import type { PatchBuilder } from '../shared/json-patch.js';
import type { Split } from '../shared/weights.js';
import type { RouteContext } from '../types.js';
import type { DestinationRuleConfig } from './config.js';

export type Role = 'canary' | 'stable' | 'fixed' | { additional: string } | 'other';

/** A host names a Service of the rollout's namespace: `svc`, `svc.ns`, `svc.ns.svc[.<cluster domain>]`. */
export function isServiceHost(host: string, service: string, namespace: string): boolean {
  if (service === '') return false;
  return (
    host === service ||
    host === `${service}.${namespace}` ||
    host === `${service}.${namespace}.svc` ||
    host.startsWith(`${service}.${namespace}.svc.`)
  );
}

export interface Classifier {
  role(destination: unknown): Role;
}

/** Host-level splitting matches hosts; subset-level splitting (a DestinationRule) matches subsets. */
export function makeClassifier(
  ctx: RouteContext,
  dr: DestinationRuleConfig | undefined,
  split: Split | undefined,
): Classifier {
  const ns = ctx.rollout.namespace;
  const additional = split?.additional.map((a) => a.serviceName) ?? [];
  return {
    role(entry) {
      const dest = recordAt(entry, 'destination');
      const host = stringAt(dest, 'host') ?? '';
      const subset = stringAt(dest, 'subset');
      if (dr !== undefined) {
        if (subset === dr.canarySubsetName) return 'canary';
        if (subset === dr.stableSubsetName) return 'stable';
        if (subset !== undefined && dr.additionalSubsetNames.includes(subset)) return 'fixed';
      } else {
        if (isServiceHost(host, ctx.canaryService, ns)) return 'canary';
        if (isServiceHost(host, ctx.stableService, ns)) return 'stable';
      }
      const extra = additional.find((svc) => subset === undefined && isServiceHost(host, svc, ns));
      return extra === undefined ? 'other' : { additional: extra };
    },
  };
}

export function weightOf(entry: unknown, count: number, max: number): number {
  return numberAt(entry, 'weight') ?? (count === 1 ? max : 0);
}

/** Why a route cannot be split, or undefined when it has both a canary and a stable destination. */
export function missingDestination(
  route: unknown,
  classifier: Classifier,
  ctx: RouteContext,
  dr: DestinationRuleConfig | undefined,
): string | undefined {
  const roles = arrayAt(route, 'route').map((d) => classifier.role(d));
  if (!roles.includes('canary'))
    return dr
      ? `no destination for canary subset '${dr.canarySubsetName}'`
      : `no destination for canary Service '${ctx.canaryService}'`;
  if (!roles.includes('stable'))
    return dr
      ? `no destination for stable subset '${dr.stableSubsetName}'`
      : `no destination for stable Service '${ctx.stableService}'`;
  return undefined;
}

/**
 * Ops that give `route[]` at `base` the split, and the list it ends as (the mirror route copies it).
 * Canary and stable keep their place and fields; experiment destinations are appended or updated;
 * destinations on `additionalSubsetNames` keep their weight (taken from stable); any other
 * destination is removed, because Istio requires the weights of a route to sum to 100.
 */
export function planDestinations(
  route: unknown,
  base: string,
  split: Split,
  classifier: Classifier,
  dr: DestinationRuleConfig | undefined,
  patch: PatchBuilder,
): unknown[] {
  const entries = arrayAt(route, 'route');
  const fixed = entries
    .filter((d) => classifier.role(d) === 'fixed')
    .reduce((sum: number, d) => sum + (numberAt(d, 'weight') ?? 0), 0);
  const stableWeight = Math.max(0, split.stable - fixed);
  const final: unknown[] = [];
  const removals: number[] = [];
  const present = new Set<string>();
  let stablePort: unknown;
  entries.forEach((entry, j) => {
    const role = classifier.role(entry);
    const at = `${base}/${j}`;
    const guard = (): void => {
      patch.test(`${at}/destination/host`, stringAt(recordAt(entry, 'destination'), 'host') ?? '');
      const subset = stringAt(recordAt(entry, 'destination'), 'subset');
      if (dr !== undefined && subset !== undefined) patch.test(`${at}/destination/subset`, subset);
    };
    const weighTo = (w: number): void => {
      const current = numberAt(entry, 'weight');
      if (current !== w) {
        guard();
        patch.set(`${at}/weight`, w, { exists: hasKey(entry, 'weight'), value: current });
      }
      final.push({ ...cloneJson(entry as Record<string, unknown>), weight: w });
    };
    if (role === 'canary') weighTo(split.canary);
    else if (role === 'stable') {
      stablePort = recordAt(entry, 'destination')?.port;
      weighTo(stableWeight);
    } else if (role === 'fixed') final.push(cloneJson(entry));
    else if (role === 'other' || present.has(role.additional)) {
      guard();
      removals.push(j);
    } else {
      present.add(role.additional);
      weighTo(split.additional.find((a) => a.serviceName === role.additional)?.weight ?? 0);
    }
  });
  for (const j of removals.reverse()) patch.remove(`${base}/${j}`);
  for (const a of split.additional.filter((x) => !present.has(x.serviceName))) {
    const destination: Record<string, unknown> = { host: a.serviceName };
    if (stablePort !== undefined) destination.port = cloneJson(stablePort);
    const entry = { destination, weight: a.weight };
    patch.add(`${base}/-`, entry);
    final.push(entry);
  }
  return final;
}
