import { invalid, type FieldError } from './field-error.js';
import { MSG } from './messages.js';
import { asNumber, field, isSet } from './view.js';

/** `antiAffinity` (canary and blue-green alike): exactly one of the two kinds; weight 1..100. */
export function validateAntiAffinity(antiAffinity: unknown, path: string): FieldError[] {
  if (!isSet(antiAffinity)) return [];
  const errs: FieldError[] = [];
  const preferred = field(antiAffinity, 'preferredDuringSchedulingIgnoredDuringExecution');
  const required = field(antiAffinity, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (isSet(preferred) === isSet(required)) {
    const shown = `antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution: ${isSet(preferred)} antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution: ${isSet(required)}`;
    errs.push(invalid(path, shown, MSG.antiAffinityStrategy));
  }
  if (isSet(preferred)) {
    const weight = asNumber(field(preferred, 'weight')) ?? 0;
    if (weight < 1 || weight > 100)
      errs.push(invalid(`${path}.weight`, weight, MSG.antiAffinityWeight));
  }
  return errs;
}
