/**
 * The string form of a Kubernetes label selector (`app=web,tier in (a,b),!canary`), as the ConfigMap's
 * `subscriptions[].selector` holds it. The core cannot reach the devcluster's full parser (a higher
 * layer); this covers the grammar selectors are written in: `=`, `==`, `!=`, `in`, `notin`, exists
 * and `!` not-exists.
 */
export type LabelRequirement =
  | { key: string; op: 'in' | 'notin'; values: readonly string[] }
  | { key: string; op: 'exists' | 'absent' };

export type LabelSelectorText = readonly LabelRequirement[];

const KEY = String.raw`[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?`;
const VALUE = String.raw`([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?`;
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|!=|=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const VALUE_ONLY = new RegExp(`^${VALUE}$`);

/** The requirements of `text`, or an error message naming the part that does not parse. */
export function parseLabelSelectorText(text: string): LabelSelectorText | { error: string } {
  const requirements: LabelRequirement[] = [];
  for (const part of splitTopLevel(text)) {
    const term = part.trim();
    if (term === '') return { error: `empty requirement in selector ${JSON.stringify(text)}` };
    const requirement = parseRequirement(term);
    if (requirement === undefined)
      return { error: `cannot parse selector term ${JSON.stringify(term)}` };
    requirements.push(requirement);
  }
  return requirements;
}

function parseRequirement(term: string): LabelRequirement | undefined {
  const equality = EQUALITY.exec(term);
  if (equality) {
    const [key, op, value] = [equality[1] ?? '', equality[3], equality[5] ?? ''];
    return { key, op: op === '!=' ? 'notin' : 'in', values: [value] };
  }
  const set = SET.exec(term);
  if (set) {
    const values = (set[4] ?? '').split(',').map((v) => v.trim());
    if (values.some((v) => !VALUE_ONLY.test(v))) return undefined;
    return { key: set[1] ?? '', op: set[3] === 'notin' ? 'notin' : 'in', values };
  }
  const exists = EXISTS.exec(term);
  if (exists) return { key: exists[2] ?? '', op: exists[1] === '!' ? 'absent' : 'exists' };
  return undefined;
}

/** Splits on the commas that separate requirements, not those inside `in (a,b)`. */
function splitTopLevel(text: string): string[] {
  if (text.trim() === '') return [];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Whether `labels` satisfy every requirement (an empty selector matches everything). */
export function matchesLabelSelectorText(
  selector: LabelSelectorText,
  labels: Readonly<Record<string, string>>,
): boolean {
  return selector.every((req) => {
    const has = Object.hasOwn(labels, req.key);
    const value = labels[req.key];
    switch (req.op) {
      case 'exists':
        return has;
      case 'absent':
        return !has;
      case 'in':
        return has && req.values.includes(value ?? '');
      case 'notin':
        return !has || !req.values.includes(value ?? '');
    }
  });
}
