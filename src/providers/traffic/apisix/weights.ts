/** Backend weights of the listed `spec.http[]` rules: serviceName canary ⇒ w, stable ⇒ max − w (spec §4.2). */
import { arrayAt, hasKey, numberAt, recordAt, stringAt } from '../shared/json-view.js';
import { pointer, type PatchBuilder } from '../shared/json-patch.js';
import { describe } from '../shared/objects.js';
import type { Split } from '../shared/weights.js';
import type { KubeObjectJson, ObjectRef, RouteContext } from '../types.js';

export interface SplitRule {
  index: number;
  rule: unknown;
}

/** The listed rules, each with a canary and a stable backend, or why not. */
export function findSplitRules(
  ctx: RouteContext,
  ref: ObjectRef,
  route: KubeObjectJson,
  names: readonly string[],
): SplitRule[] | { error: string } {
  const http = recordAt(route, 'spec')?.http;
  if (!Array.isArray(http)) return { error: `spec.http not found in ${describe(ref)}` };
  const out: SplitRule[] = [];
  for (const name of names) {
    const index = (http as unknown[]).findIndex((r) => stringAt(r, 'name') === name);
    if (index === -1) return { error: `rule '${name}' not found in spec.http of ${describe(ref)}` };
    const rule = http[index] as unknown;
    const backends = arrayAt(rule, 'backends');
    if (backends.length === 0)
      return { error: `rule '${name}' of ${describe(ref)} has no backends` };
    for (const [role, svc] of [
      ['canary', ctx.canaryService],
      ['stable', ctx.stableService],
    ] as const) {
      if (!backends.some((b) => stringAt(b, 'serviceName') === svc))
        return {
          error: `rule '${name}' of ${describe(ref)} has no backend for ${role} Service '${svc}'`,
        };
    }
    out.push({ index, rule });
  }
  return out;
}

export function planBackendWeights(
  rules: readonly SplitRule[],
  split: Split,
  ctx: RouteContext,
  patch: PatchBuilder,
): void {
  for (const { index, rule } of rules) {
    patch.test(pointer('spec', 'http', index, 'name'), stringAt(rule, 'name'));
    arrayAt(rule, 'backends').forEach((b, j) => {
      const svc = stringAt(b, 'serviceName');
      const w =
        svc === ctx.canaryService
          ? split.canary
          : svc === ctx.stableService
            ? split.stable
            : undefined;
      if (w === undefined || numberAt(b, 'weight') === w) return;
      const at = pointer('spec', 'http', index, 'backends', j);
      patch.test(`${at}/serviceName`, svc);
      patch.set(`${at}/weight`, w, { exists: hasKey(b, 'weight'), value: numberAt(b, 'weight') });
    });
  }
}

/** APISIX reads an absent backend weight as 100. */
export function backendWeight(rule: unknown, service: string): number {
  return arrayAt(rule, 'backends')
    .filter((b) => stringAt(b, 'serviceName') === service)
    .reduce((sum: number, b) => sum + (numberAt(b, 'weight') ?? 100), 0);
}
