/** §1.11-style problem texts shared by the routers' `validate`. */

export const TRAFFIC_ROUTING_PATH = 'spec.strategy.canary.trafficRouting';

/** Upstream's wording for an absent required field (spec §1.11). */
export function missingField(path: string): string {
  return `Rollout has missing field '${path}'`;
}

/** A plan error for a config `validate` rejects, so `plan` never acts on half a config. */
export function invalidConfig(key: string, problems: readonly string[]): { error: string } {
  return { error: `invalid ${key} config: ${problems.join('; ')}` };
}

/** Names that occur more than once, in first-seen order. */
export function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const n of names) (seen.has(n) ? dup : seen).add(n);
  return [...dup];
}
