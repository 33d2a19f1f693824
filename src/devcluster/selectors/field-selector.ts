// Field selectors as kube-apiserver parses them (k8s.io/apimachinery/pkg/fields/selector.go).
// https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors/
import { SelectorError } from './selector-error.js';

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: FieldOperator;
  /** Unescaped. */
  readonly value: string;
}

export interface FieldSelector {
  /** ANDed, in the order of their sorted source terms as fields.ParseSelector keeps them. */
  readonly requirements: readonly FieldRequirement[];
}

// Checked in this order so "a==b" is not read as field "a", value "=b".
const OPERATORS: readonly FieldOperator[] = ['!=', '==', '='];

/** Splits on commas not preceded by a backslash; escapes stay in the terms. */
function splitTerms(text: string): string[] {
  if (text.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** The field name is never escaped: the first operator anywhere in the term splits it. */
function splitTerm(term: string): FieldRequirement | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i))
        return { field: term.slice(0, i), operator: op, value: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** fields.UnescapeValue: `\\`, `\,` and `\=` are the only escapes; a bare `,` or `=` is an error. */
function unescapeValue(raw: string): string {
  let out = '';
  let inSlash = false;
  for (const c of raw) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. as its code point.
      throw new SelectorError(
        `invalid field selector: unescaped character in value: ${c.codePointAt(0) ?? 0}`,
      );
    } else {
      out += c;
    }
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** fields.ParseSelector: the `fieldSelector` query parameter. An empty string selects everything. */
export function parseFieldSelector(text: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(text).sort()) {
    if (term === '') continue;
    const parts = splitTerm(term);
    if (!parts) throw new SelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    requirements.push({ ...parts, value: unescapeValue(parts.value) });
  }
  return { requirements };
}

/** Selector.Matches; a field the object lacks reads as "" (so `spec.nodeName=` finds unscheduled pods). */
export function matchesFields(
  sel: FieldSelector,
  get: (field: string) => string | undefined,
): boolean {
  return sel.requirements.every((req) => {
    const actual = get(req.field) ?? '';
    return req.operator === '!=' ? actual !== req.value : actual === req.value;
  });
}

/** The requirements, for validation against supported fields and for index lookups (`=`/`==`). */
export function fieldTerms(sel: FieldSelector): readonly FieldRequirement[] {
  return sel.requirements;
}

/** Answers kube-apiserver's 400 for the first field the kind cannot be selected by. */
export function validateFieldSelector(sel: FieldSelector, supported: ReadonlySet<string>): void {
  for (const req of sel.requirements) {
    if (!supported.has(req.field))
      throw new SelectorError(`field label not supported: ${req.field}`);
  }
}

const escapeValue = (v: string): string => v.replace(/[\\,=]/g, (c) => `\\${c}`);

/** Selector.String: `field=value` / `field!=value` joined by commas, values escaped. */
export function formatFieldSelector(sel: FieldSelector): string {
  return sel.requirements
    .map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeValue(r.value)}`)
    .join(',');
}
