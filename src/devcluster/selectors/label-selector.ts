// Label selectors as kube-apiserver parses and applies them (k8s.io/apimachinery/pkg/labels, metav1.LabelSelector).
// Grammar: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
import { scanLabelSelector, type LabelToken } from './label-lexer.js';
import {
  checkRequirement,
  formatRequirement,
  matchesRequirement,
  type LabelOperator,
  type LabelRequirement,
} from './label-requirement.js';
import { isLabelKey, goQuote, invalidValue } from './label-validation.js';
import { SelectorError } from './selector-error.js';

export interface LabelSelector {
  /** False only for the selector of a null metav1.LabelSelector, which selects nothing. */
  readonly selectable: boolean;
  /** ANDed, sorted by key as labels.Parse sorts them. */
  readonly requirements: readonly LabelRequirement[];
}

export const EVERYTHING: LabelSelector = { selectable: true, requirements: [] };
export const NOTHING: LabelSelector = { selectable: false, requirements: [] };

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

const fail = (message: string): never => {
  throw new SelectorError(message);
};
const failRequirement = (message: string): never => fail(`unable to parse requirement: ${message}`);

const byKey = (a: LabelRequirement, b: LabelRequirement): number =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** labels.Parse: the `labelSelector` query parameter. An empty string selects everything. */
export function parseLabelSelector(text: string): LabelSelector {
  const tokens = scanLabelSelector(text);
  let pos = 0;
  // In value position the keywords `in`/`notin` are plain identifiers (`x in (in)`).
  const at = (i: number, asValue: boolean): LabelToken => {
    const token = tokens[Math.min(i, tokens.length - 1)] ?? { type: 'end', literal: '' };
    return asValue && (token.type === 'in' || token.type === 'notin')
      ? { ...token, type: 'identifier' }
      : token;
  };
  const lookahead = (asValue = true): LabelToken => at(pos, asValue);
  const consume = (asValue = true): LabelToken => at(pos++, asValue);

  const parseValues = (): string[] => {
    const open = consume();
    if (open.type !== '(') failRequirement(`found '${open.literal}' expected: '('`);
    const first = lookahead();
    if (first.type === ')') {
      consume();
      return [''];
    }
    if (first.type !== 'identifier' && first.type !== ',') {
      failRequirement(`found '${first.literal}', expected: ',', ')' or identifier`);
    }
    const values = new Set<string>();
    for (;;) {
      const token = consume();
      if (token.type === 'identifier') {
        values.add(token.literal);
        const next = lookahead();
        if (next.type === ')') break;
        if (next.type !== ',') failRequirement(`found '${next.literal}', expected: ',' or ')'`);
      } else if (token.type === ',') {
        // "(,", ",," and ",)" each stand for an empty value.
        if (values.size === 0) values.add('');
        const next = lookahead();
        if (next.type === ')') {
          values.add('');
          break;
        }
        if (next.type === ',') values.add('');
      } else {
        failRequirement(`found '${token.literal}', expected: ',', or identifier`);
      }
    }
    consume();
    return [...values].sort();
  };

  const parseExactValue = (): string[] => {
    const next = lookahead();
    if (next.type === 'end' || next.type === ',') return [''];
    const token = consume();
    return token.type === 'identifier'
      ? [token.literal]
      : failRequirement(`found '${token.literal}', expected: identifier`);
  };

  const parseRequirement = (): LabelRequirement => {
    let token = consume();
    let operator: LabelOperator | undefined;
    if (token.type === '!') {
      operator = '!';
      token = consume();
    }
    if (token.type !== 'identifier')
      failRequirement(`found '${token.literal}', expected: identifier`);
    const key = token.literal;
    const keyErrs = isLabelKey(key);
    if (keyErrs.length > 0)
      failRequirement(invalidValue('<nil>', goQuote(key), keyErrs.join('; ')));
    const after = lookahead();
    if (operator !== '!' && (after.type === 'end' || after.type === ',')) operator = 'exists';
    if (operator !== undefined) return validated(key, operator, []);
    const opToken = consume(false);
    const binary = BINARY_TOKENS[opToken.type];
    if (!binary)
      return failRequirement(`found '${opToken.literal}', expected: ${BINARY_OPERATORS}`);
    const values = binary === 'in' || binary === 'notin' ? parseValues() : parseExactValue();
    return validated(key, binary, values);
  };

  const requirements: LabelRequirement[] = [];
  for (;;) {
    const next = lookahead();
    if (next.type === 'end') break;
    if (next.type !== 'identifier' && next.type !== '!') {
      fail(`found '${next.literal}', expected: !, identifier, or 'end of string'`);
    }
    requirements.push(parseRequirement());
    const sep = consume();
    if (sep.type === 'end') break;
    if (sep.type !== ',') fail(`found '${sep.literal}', expected: ',' or 'end of string'`);
    const following = lookahead();
    if (following.type !== 'identifier' && following.type !== '!') {
      fail(`found '${following.literal}', expected: identifier after ','`);
    }
  }
  return { selectable: true, requirements: requirements.sort(byKey) };
}

const BINARY_TOKENS: Partial<Record<LabelToken['type'], LabelOperator>> = {
  in: 'in',
  notin: 'notin',
  '=': '=',
  '==': '==',
  '!=': '!=',
  '>': 'gt',
  '<': 'lt',
};

function validated(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const error = checkRequirement(key, operator, values);
  if (error !== undefined) failRequirement(error);
  return { key, operator, values };
}

/** metav1.LabelSelector as stored in a spec (Deployment.spec.selector, PodDisruptionBudget.spec.selector…). */
export interface LabelSelectorObject {
  readonly matchLabels?: Readonly<Record<string, string>> | null;
  readonly matchExpressions?: ReadonlyArray<{
    readonly key: string;
    readonly operator: string;
    readonly values?: readonly string[] | null;
  }> | null;
}

const EXPRESSION_OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/** metav1.LabelSelectorAsSelector: null/undefined selects nothing, `{}` selects everything. */
export function labelSelectorFromObject(
  sel: LabelSelectorObject | null | undefined,
): LabelSelector {
  if (sel === null || sel === undefined) return NOTHING;
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) {
    const error = checkRequirement(key, '=', [value]);
    if (error !== undefined) fail(error);
    requirements.push({ key, operator: '=', values: [value] });
  }
  for (const expr of sel.matchExpressions ?? []) {
    const operator = Object.prototype.hasOwnProperty.call(EXPRESSION_OPERATORS, expr.operator)
      ? EXPRESSION_OPERATORS[expr.operator]
      : undefined;
    if (operator === undefined)
      return fail(`${goQuote(expr.operator)} is not a valid label selector operator`);
    const values = [...(expr.values ?? [])];
    const error = checkRequirement(expr.key, operator, values);
    if (error !== undefined) fail(error);
    requirements.push({ key: expr.key, operator, values });
  }
  return { selectable: true, requirements: requirements.sort(byKey) };
}

/** Selector.Matches; absent labels behave as an empty set. */
export function matchesLabels(
  sel: LabelSelector,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  if (!sel.selectable) return false;
  const set = labels ?? {};
  return sel.requirements.every((req) => matchesRequirement(req, set));
}

/** The `key=value` pairs a matching object must carry (=, ==, single-value in): usable with a label index. */
export function equalityTerms(sel: LabelSelector): Array<[string, string]> {
  const terms: Array<[string, string]> = [];
  for (const req of sel.requirements) {
    const only = req.values.length === 1 ? req.values[0] : undefined;
    if (
      only !== undefined &&
      (req.operator === '=' || req.operator === '==' || req.operator === 'in')
    ) {
      terms.push([req.key, only]);
    }
  }
  return terms;
}

/** Selector.String: the canonical text ("" for everything and for nothing). */
export function formatLabelSelector(sel: LabelSelector): string {
  return sel.requirements.map(formatRequirement).join(',');
}
