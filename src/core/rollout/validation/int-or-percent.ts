import { invalid, type FieldError } from './field-error.js';
import { MSG } from './messages.js';

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

/**
 * What is wrong with a maxSurge/maxUnavailable value the replica math cannot read, worded as
 * Kubernetes' `ValidatePositiveIntOrPercent` words it for a Deployment: a string must be digits
 * (upstream Argo reads `"25"` as 25 %) or digits and `%`; a number must be a non-negative integer.
 * Upstream Argo validates only "both zero" and reads such values as 0, reporting "abc%" as "both
 * can not be zero"; naming the malformed value is the useful answer.
 */
export function intOrPercentProblems(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string')
    return /^[0-9]+%?$/.test(v) ? [] : [invalid(path, v, MSG.invalidPercent)];
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return [invalid(path, v, MSG.intOrPercent)];
    return v < 0 ? [invalid(path, v, MSG.nonNegative)] : [];
  }
  return [invalid(path, v, MSG.intOrPercent)];
}
