// One requirement of a label selector: labels.Requirement in k8s.io/apimachinery/pkg/labels/selector.go.
import {
  aggregate,
  goQuote,
  goStringSlice,
  invalidValue,
  isLabelKey,
  isLabelValue,
} from './label-validation.js';

/** selection.Operator values, spelled as Kubernetes spells them. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  readonly values: readonly string[];
}

const isInteger = (s: string): boolean => /^[+-]?\d+$/.test(s);

/**
 * The checks of labels.NewRequirement; returns the aggregated error message, or undefined when valid.
 * Paths are relative to a nil root, as the API server reports them ("key", "values[0][app]").
 */
export function checkRequirement(
  key: string,
  operator: LabelOperator,
  values: readonly string[],
): string | undefined {
  const errs: string[] = [];
  const keyErrs = isLabelKey(key);
  if (keyErrs.length > 0) errs.push(invalidValue('key', goQuote(key), keyErrs.join('; ')));
  const valuesValue = goStringSlice(values);
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) {
        errs.push(
          invalidValue(
            'values',
            valuesValue,
            "for 'in', 'notin' operators, values set can't be empty",
          ),
        );
      }
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) {
        errs.push(
          invalidValue(
            'values',
            valuesValue,
            'exact-match compatibility requires one single value',
          ),
        );
      }
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) {
        errs.push(
          invalidValue(
            'values',
            valuesValue,
            'values set must be empty for exists and does not exist',
          ),
        );
      }
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) {
        errs.push(
          invalidValue(
            'values',
            valuesValue,
            "for 'Gt', 'Lt' operators, exactly one value is required",
          ),
        );
      }
      values.forEach((v, i) => {
        if (!isInteger(v)) {
          errs.push(
            invalidValue(
              `values[${i}]`,
              goQuote(v),
              "for 'Gt', 'Lt' operators, the value must be an integer",
            ),
          );
        }
      });
      break;
  }
  values.forEach((v, i) => {
    const valueErrs = isLabelValue(v);
    if (valueErrs.length > 0)
      errs.push(invalidValue(`values[${i}][${key}]`, goQuote(v), valueErrs.join('; ')));
  });
  return aggregate(errs);
}

/** Requirement.Matches. */
export function matchesRequirement(
  req: LabelRequirement,
  labels: Readonly<Record<string, string>>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && req.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !req.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      const bound = req.values[0];
      if (value === undefined || bound === undefined || req.values.length !== 1) return false;
      if (!isInteger(value) || !isInteger(bound)) return false;
      const [actual, limit] = [BigInt(value), BigInt(bound)];
      return req.operator === 'gt' ? actual > limit : actual < limit;
    }
  }
}

/** Requirement.String: values sorted, `in`/`notin` in parentheses, `!key` for DoesNotExist. */
export function formatRequirement(req: LabelRequirement): string {
  const prefix = req.operator === '!' ? '!' : '';
  if (req.operator === 'exists' || req.operator === '!') return `${prefix}${req.key}`;
  const op = { in: ' in ', notin: ' notin ', '=': '=', '==': '==', '!=': '!=', gt: '>', lt: '<' }[
    req.operator
  ];
  const values = req.values.length === 1 ? (req.values[0] ?? '') : [...req.values].sort().join(',');
  return req.operator === 'in' || req.operator === 'notin'
    ? `${req.key}${op}(${values})`
    : `${req.key}${op}${values}`;
}
