// Evaluates parsed JSONPath against plain JSON. Missing keys yield no result, as with the API server's
// printer columns (jsonpath.AllowMissingKeys(true)).
import { isRecord } from './json-view.js';
import {
  parseJsonPath,
  type CompareOp,
  type JsonPath,
  type Literal,
  type Operand,
  type Segment,
} from './jsonpath-parse.js';

export { JsonPathError, parseJsonPath, type JsonPath } from './jsonpath-parse.js';

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  // Go ranges over map keys in sorted order.
  if (isRecord(value))
    return Object.keys(value)
      .sort()
      .map((k) => value[k]);
  return [];
}

function descendants(value: unknown): unknown[] {
  return [value, ...children(value).flatMap(descendants)];
}

function sliceOf(
  arr: unknown[],
  start: number | undefined,
  end: number | undefined,
  step = 1,
): unknown[] {
  const norm = (n: number): number => Math.min(Math.max(n < 0 ? n + arr.length : n, 0), arr.length);
  const from = norm(start ?? 0);
  const to = norm(end ?? arr.length);
  const out: unknown[] = [];
  for (let k = from; k < to; k += Math.max(step, 1)) out.push(arr[k]);
  return out;
}

function operandValue(operand: Operand, element: unknown): unknown[] {
  return 'literal' in operand ? [operand.literal] : evaluateSegments(element, operand.path);
}

function compare(left: unknown, op: CompareOp, right: Literal): boolean {
  if (op === '==') return left === right;
  if (op === '!=') return left !== right;
  if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string'))
    return false;
  const [a, b] = [left, right] as [number | string, number | string];
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

function keep(element: unknown, segment: Extract<Segment, { kind: 'filter' }>): boolean {
  const [left] = operandValue(segment.left, element);
  if (segment.op === undefined || segment.right === undefined) {
    return left !== undefined && left !== null && left !== false;
  }
  const [right] = operandValue(segment.right, element);
  const isLiteral =
    typeof right === 'string' || typeof right === 'number' || typeof right === 'boolean';
  return left !== undefined && isLiteral && compare(left, segment.op, right);
}

function step(values: unknown[], segment: Segment): unknown[] {
  switch (segment.kind) {
    case 'field':
      return values.flatMap((v) =>
        isRecord(v) && Object.prototype.hasOwnProperty.call(v, segment.name)
          ? [v[segment.name]]
          : [],
      );
    case 'recursive': {
      const all = values.flatMap(descendants);
      return segment.name === undefined
        ? all.flatMap(children)
        : step(all, { kind: 'field', name: segment.name });
    }
    case 'wildcard':
      return values.flatMap(children);
    case 'index':
      return values.flatMap((v) => {
        if (!Array.isArray(v)) return [];
        const k = segment.index < 0 ? segment.index + v.length : segment.index;
        return k >= 0 && k < v.length ? [v[k]] : [];
      });
    case 'slice':
      return values.flatMap((v) =>
        Array.isArray(v) ? sliceOf(v, segment.start, segment.end, segment.step) : [],
      );
    case 'filter':
      return values.flatMap((v) => (Array.isArray(v) ? v.filter((el) => keep(el, segment)) : []));
  }
}

function evaluateSegments(obj: unknown, segments: readonly Segment[]): unknown[] {
  return segments.reduce<unknown[]>((values, segment) => step(values, segment), [obj]);
}

/** Every value `path` selects in `obj`, in document order; [] when nothing matches. Throws JsonPathError on bad syntax. */
export function evaluateJsonPath(obj: unknown, path: string | JsonPath): unknown[] {
  const parsed = typeof path === 'string' ? parseJsonPath(path) : path;
  return evaluateSegments(obj, parsed.segments);
}
