import { isRecord } from '../shared/json.js';
import { fail, ok, type Step } from '../shared/outcome.js';

export type PathSegment = { kind: 'field'; name: string } | { kind: 'index'; index: number };

/**
 * The subset of Kubernetes JSONPath templates web metrics use: one `{…}` expression made of an
 * optional `$`, `.field`, `['key']` / `["key"]` and `[n]` (negative counts from the end).
 * `{$}` selects the whole body. Filters, wildcards, slices and recursive descent are refused.
 */
export function parseJsonPath(template: string): Step<PathSegment[]> {
  const m = /^\{(.*)\}$/s.exec(template.trim());
  if (!m) return fail(`jsonPath ${JSON.stringify(template)} must be a single {…} expression`);
  const expr = (m[1] ?? '').trim();
  const segments: PathSegment[] = [];
  let i = expr.startsWith('$') ? 1 : 0;
  const unsupported = (what: string): Step<PathSegment[]> =>
    fail(
      `jsonPath ${JSON.stringify(template)}: ${what} at position ${i} is not supported (use $, .field, ['key'] or [n])`,
    );
  while (i < expr.length) {
    const c = expr[i];
    if (c === '.') {
      const name = /^[^.[\]]+/.exec(expr.slice(i + 1))?.[0];
      if (name === undefined || name === '*')
        return unsupported(expr[i + 1] === '.' ? 'recursive descent ".."' : `"${expr.slice(i)}"`);
      segments.push({ kind: 'field', name: name.trim() });
      i += 1 + name.length;
    } else if (c === '[') {
      const quoted = /^\[\s*(['"])(.*?)\1\s*\]/.exec(expr.slice(i));
      const index = /^\[\s*(-?\d+)\s*\]/.exec(expr.slice(i));
      if (quoted) {
        segments.push({ kind: 'field', name: quoted[2] ?? '' });
        i += quoted[0].length;
      } else if (index) {
        segments.push({ kind: 'index', index: Number(index[1]) });
        i += index[0].length;
      } else return unsupported(`"${expr.slice(i)}"`);
    } else return unsupported(`"${expr.slice(i)}"`);
  }
  return ok(segments);
}

/** Walks `data` along the path; errors read like Kubernetes JSONPath's ("x is not found"). */
export function selectJsonPath(data: unknown, path: PathSegment[]): Step<unknown> {
  let current = data;
  for (const seg of path) {
    if (seg.kind === 'field') {
      if (!isRecord(current) || !(seg.name in current)) return fail(`${seg.name} is not found`);
      current = current[seg.name];
    } else {
      if (!Array.isArray(current))
        return fail(`index [${seg.index}] applied to ${describe(current)}, not an array`);
      const at = seg.index < 0 ? seg.index + current.length : seg.index;
      if (at < 0 || at >= current.length)
        return fail(`array index out of bounds: index ${seg.index}, length ${current.length}`);
      current = current[at] as unknown;
    }
  }
  return ok(current);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  return isRecord(v) ? 'an object' : `a ${typeof v}`;
}
