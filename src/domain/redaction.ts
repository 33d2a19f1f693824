import {
  base64Fragments,
  base64Pattern,
  encodedPattern,
  escapeRegExp,
  literalForms,
} from './secret-forms.js';

/** What a secret becomes wherever it is found (spec §2.2: secrets are redacted as `*****`). */
export const REDACTED = '*****';

/**
 * Secrets shorter than this cannot be hidden without mangling every message (and the masks would
 * point at them anyway): they are removed only where they stand as a whole token, never inside a
 * longer word, and their base64 is not searched for.
 */
export const MIN_SECRET_LENGTH = 4;

/** Base64 runs shorter than this are too likely to occur by chance to be masked. */
const MIN_BASE64_FRAGMENT = 4;
/** How much of a secret's start a cut (`…`) may leave behind before it is masked too. */
const MIN_CUT_PREFIX = 2;

export type Redact = (text: string) => string;

const BOUNDARY_BEFORE = '(?<![A-Za-z0-9])';
const BOUNDARY_AFTER = '(?![A-Za-z0-9])';

/** Each secret and its trimmed value (a Secret written from a file often ends in a newline). */
function variants(secrets: Iterable<string | undefined>): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (!s) continue;
    out.add(s);
    if (s.trim() !== '' && s.trim() !== s) out.add(s.trim());
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** A secret of at least MIN_SECRET_LENGTH, with its literal forms (`literalForms`). */
interface LongSecret {
  value: string;
  forms: string[];
}

function wholeTokenPattern(secret: string): string {
  return `${BOUNDARY_BEFORE}${encodedPattern(secret)}${BOUNDARY_AFTER}`;
}

function patternsOf({ value, forms }: LongSecret): string[] {
  const fragments = base64Fragments(forms).filter((f) => f.length >= MIN_BASE64_FRAGMENT);
  // A literal form is matched as written too: a URL parser may have rewritten the secret beyond
  // per-character encoding (a `\.` or `/..` segment in a path is resolved away).
  const literals = forms.filter((form) => form.length >= MIN_SECRET_LENGTH).map(escapeRegExp);
  return [encodedPattern(value), ...literals, ...fragments.map(base64Pattern)];
}

/** Masks the start of a secret left at the end of a cut-short excerpt (`…secr…`). */
function maskCutPrefixes(text: string, forms: string[]): string {
  if (!text.includes('…')) return text;
  return text
    .split('…')
    .map((part, i, parts) => {
      if (i === parts.length - 1) return part;
      // The longest start of any form: a short start of one form may end a longer start of another.
      let cut = 0;
      for (const form of forms) {
        for (
          let n = Math.min(form.length, part.length);
          n > Math.max(cut, MIN_CUT_PREFIX - 1);
          n--
        ) {
          if (part.endsWith(form.slice(0, n))) cut = n;
        }
      }
      return cut === 0 ? part : part.slice(0, part.length - cut) + REDACTED;
    })
    .join('…');
}

/**
 * One redactor for a measurement: every value resolved from a Secret, in every shape it can take
 * (secret-forms.ts), becomes `*****`. Pure and built once per reconcile from the resolved values;
 * with no secrets it returns the text as is.
 */
export function buildRedactor(secrets: Iterable<string | undefined>): Redact {
  const values = variants(secrets);
  if (values.length === 0) return (text) => text;
  const long = values
    .filter((v) => v.length >= MIN_SECRET_LENGTH)
    .map((value) => ({ value, forms: literalForms(value) }));
  const short = values.filter((v) => v.length < MIN_SECRET_LENGTH);
  // One expression per secret, longest first: a long one (a key file) stays within regex limits.
  const patterns = [...long.map(patternsOf), ...short.map((v) => [wholeTokenPattern(v)])].map(
    (sources) => new RegExp(sources.join('|'), 'g'),
  );
  const cutForms = long.flatMap((s) => s.forms);
  const masked = (text: string) => patterns.reduce((out, p) => out.replace(p, REDACTED), text);
  return (text) => maskCutPrefixes(masked(text), cutForms);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  return Object.getPrototypeOf(value) === Object.prototype;
}

/** `value` with every string in it (object keys too) passed through `redact`; other values kept. */
export function redactDeep<T>(value: T, redact: Redact): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redact)) as T;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v, redact)]);
    return Object.fromEntries(entries) as T;
  }
  return value;
}
