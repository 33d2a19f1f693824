/**
 * The raw number in a maxSurge/maxUnavailable value, the way upstream's validation reads it
 * before any replica math: `"N%"` ⇒ N, an int ⇒ itself, any other string ⇒ its base-10 integer
 * value, or 0 when it is not one (Go's `IntOrString.IntValue`). Checking "both zero" on these raw
 * values, not on replica-resolved ones, is what upstream does: `maxUnavailable: 10%` stays valid
 * with 1 replica even though it resolves to 0 (§8.2 then bumps unavailable to 1).
 */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : 0;
  if (typeof v !== 'string') return 0;
  const percent = /^([0-9]+)%$/.exec(v);
  if (percent?.[1] !== undefined) return goAtoi(percent[1]);
  return goAtoi(v);
}

/** Go's `strconv.Atoi`, with 0 for anything it rejects (as `IntValue` ignores the error). */
function goAtoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : 0;
}
