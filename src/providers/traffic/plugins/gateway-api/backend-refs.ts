/**
 * Weights on `spec.rules[].backendRefs[]` (spec §4.2, plugins). Only rules that send to both the
 * canary and the stable Service are split; a rule with other backends, or with just one of the
 * two, is left alone (a lone backend at weight 0 would answer 500).
 */
import { arrayAt, cloneJson, hasKey, numberAt, stringAt } from '../../shared/json-view.js';
import { pointer, type PatchBuilder } from '../../shared/json-patch.js';
import type { Split } from '../../shared/weights.js';
import type { RouteContext } from '../../types.js';

/** A backendRef to a core Service of the Rollout's namespace (group "" and kind Service are the API defaults). */
export function refersTo(
  ref: unknown,
  service: string,
  ctx: RouteContext,
  routeNamespace: string,
): boolean {
  if (service === '' || stringAt(ref, 'name') !== service) return false;
  if ((stringAt(ref, 'group') ?? '') !== '' || (stringAt(ref, 'kind') ?? 'Service') !== 'Service')
    return false;
  return (stringAt(ref, 'namespace') ?? routeNamespace) === ctx.rollout.namespace;
}

export interface WeightedRule {
  index: number;
  rule: unknown;
}

/** Rules (outside `skip`, the managed ones) with backendRefs to both canary and stable. */
export function findWeightedRules(
  rules: readonly unknown[],
  ctx: RouteContext,
  routeNamespace: string,
  skip: ReadonlySet<number>,
): WeightedRule[] {
  return rules.flatMap((rule, index) => {
    if (skip.has(index)) return [];
    const refs = arrayAt(rule, 'backendRefs');
    const both =
      refs.some((r) => refersTo(r, ctx.canaryService, ctx, routeNamespace)) &&
      refs.some((r) => refersTo(r, ctx.stableService, ctx, routeNamespace));
    return both ? [{ index, rule }] : [];
  });
}

/** Gateway API reads an absent weight as 1. */
export function weightOf(ref: unknown): number {
  return numberAt(ref, 'weight') ?? 1;
}

/** Ops giving one rule's canary/stable backendRefs the split; returns the rule as it ends (mirror rules copy it). */
export function planRuleWeights(
  weighted: WeightedRule,
  split: Split,
  ctx: RouteContext,
  routeNamespace: string,
  patch: PatchBuilder,
): Record<string, unknown> {
  const rule = cloneJson(weighted.rule) as Record<string, unknown>;
  const refs = arrayAt(rule, 'backendRefs') as Array<Record<string, unknown>>;
  refs.forEach((ref, j) => {
    const target = refersTo(ref, ctx.canaryService, ctx, routeNamespace)
      ? split.canary
      : refersTo(ref, ctx.stableService, ctx, routeNamespace)
        ? split.stable
        : undefined;
    if (target === undefined || numberAt(ref, 'weight') === target) return;
    const at = pointer('spec', 'rules', weighted.index, 'backendRefs', j);
    patch.test(`${at}/name`, ref.name);
    patch.set(`${at}/weight`, target, { exists: hasKey(ref, 'weight'), value: ref.weight });
    ref.weight = target;
  });
  return rule;
}
