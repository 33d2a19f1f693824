import { forbidden, invalid, required, type FieldError } from './field-error.js';
import {
  isQualifiedName,
  isValidLabelValue,
  validateLabelName,
  validateLabels,
} from './label-syntax.js';
import { asArray, asString, asStringMap, field, isRecord, isSet } from './view.js';

interface Requirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/**
 * What `metav1.LabelSelectorAsSelector` turns a selector into: a nil selector matches nothing
 * (and is not "empty"), `{}` matches everything, a malformed one is an error.
 */
export type CompiledSelector =
  { kind: 'nothing' } | { kind: 'requirements'; requirements: Requirement[] } | { kind: 'error' };

interface Expression {
  key: string;
  operator: string;
  values: string[];
}

function expressions(selector: unknown): Expression[] {
  return asArray(field(selector, 'matchExpressions')).map((e) => ({
    key: asString(field(e, 'key')),
    operator: asString(field(e, 'operator')),
    values: asArray(field(e, 'values')).map(asString),
  }));
}

export function compileSelector(selector: unknown): CompiledSelector {
  if (!isSet(selector)) return { kind: 'nothing' };
  const requirements: Requirement[] = [];
  const labels = asStringMap(field(selector, 'matchLabels'));
  for (const key of Object.keys(labels).sort())
    requirements.push({ key, op: 'In', values: [labels[key] ?? ''] });
  for (const e of expressions(selector)) {
    if (
      e.operator !== 'In' &&
      e.operator !== 'NotIn' &&
      e.operator !== 'Exists' &&
      e.operator !== 'DoesNotExist'
    )
      return { kind: 'error' };
    requirements.push({ key: e.key, op: e.operator, values: e.values });
  }
  for (const r of requirements) {
    const wantsValues = r.op === 'In' || r.op === 'NotIn';
    if (isQualifiedName(r.key).length > 0) return { kind: 'error' };
    if (wantsValues ? r.values.length === 0 : r.values.length > 0) return { kind: 'error' };
    if (r.values.some((v) => isValidLabelValue(v).length > 0)) return { kind: 'error' };
  }
  return { kind: 'requirements', requirements };
}

/** `labels.Selector.Empty()`: true only for a selector with no requirements (never for nil). */
export function isEmptySelector(s: CompiledSelector): boolean {
  return s.kind === 'requirements' && s.requirements.length === 0;
}

export function selectorMatches(s: CompiledSelector, labels: Record<string, string>): boolean {
  if (s.kind !== 'requirements') return false;
  return s.requirements.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    const value = labels[r.key];
    switch (r.op) {
      case 'In':
        return has && value !== undefined && r.values.includes(value);
      case 'NotIn':
        return !has || value === undefined || !r.values.includes(value);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
    }
  });
}

/** `metav1validation.ValidateLabelSelector`. */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  const errs = validateLabels(asStringMap(field(selector, 'matchLabels')), `${path}.matchLabels`);
  expressions(selector).forEach((e, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (e.values.length === 0)
        errs.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (e.values.length > 0)
        errs.push(
          forbidden(
            `${at}.values`,
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
    } else {
      errs.push(invalid(`${at}.operator`, e.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(e.key, `${at}.key`));
    e.values.forEach((v, j) =>
      errs.push(...isValidLabelValue(v).map((m) => invalid(`${at}.values[${j}]`, v, m))),
    );
  });
  return errs;
}

/** The selector as Go's `json.Marshal` prints a `*metav1.LabelSelector` (omitempty fields, sorted map). */
export function selectorAsGoValue(selector: unknown): unknown {
  if (!isRecord(selector)) return null;
  const out: Record<string, unknown> = {};
  const labels = asStringMap(selector.matchLabels);
  if (Object.keys(labels).length > 0) out.matchLabels = sortedMap(labels);
  const exprs = expressions(selector);
  if (exprs.length > 0) {
    out.matchExpressions = exprs.map((e) => ({
      key: e.key,
      operator: e.operator,
      ...(e.values.length > 0 ? { values: e.values } : {}),
    }));
  }
  return out;
}

export function sortedMap(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k] ?? '']),
  );
}

/** `len(matchLabels) + len(matchExpressions) > 0`. */
export function hasSelectorTerms(selector: unknown): boolean {
  return (
    Object.keys(asStringMap(field(selector, 'matchLabels'))).length +
      asArray(field(selector, 'matchExpressions')).length >
    0
  );
}
