// The subset of Kubernetes JSONPath (k8s.io/client-go/util/jsonpath) used by CRD additionalPrinterColumns and
// kubectl: https://kubernetes.io/docs/reference/kubectl/jsonpath/

export class JsonPathError extends Error {
  readonly code = 'JsonPathError';
  readonly retryable = false;

  constructor(path: string, detail: string) {
    super(`invalid JSONPath ${JSON.stringify(path)}: ${detail}`);
    this.name = 'JsonPathError';
  }
}

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type Literal = string | number | boolean;
export type Operand = { readonly path: readonly Segment[] } | { readonly literal: Literal };

export type Segment =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'recursive'; readonly name: string | undefined }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'index'; readonly index: number }
  | {
      readonly kind: 'slice';
      readonly start?: number;
      readonly end?: number;
      readonly step?: number;
    }
  | {
      readonly kind: 'filter';
      readonly left: Operand;
      readonly op?: CompareOp;
      readonly right?: Operand;
    };

export interface JsonPath {
  readonly source: string;
  readonly segments: readonly Segment[];
}

const NAME_STOP = new Set([
  '.',
  '[',
  ']',
  '(',
  ')',
  '=',
  '!',
  '<',
  '>',
  ',',
  ' ',
  '\t',
  '\n',
  '\r',
]);
const OPS: readonly CompareOp[] = ['==', '!=', '<=', '>=', '<', '>'];
const INT = /^-?\d+$/;

/** Parses `.a.b`, `.a[0]`, `.a[*].b`, `.a[?(@.type=="Ready")].status`, `['x.y']`, `..name`, optionally in `{}`. */
export function parseJsonPath(source: string): JsonPath {
  let text = source.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1).trim();
  const fail = (at: number, detail: string): never => {
    throw new JsonPathError(source, `${detail} at position ${at}`);
  };
  if (text === '') fail(0, 'empty path');
  let i = text.startsWith('$') ? 1 : 0;

  const skipSpace = (): void => {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
  };
  const expect = (ch: string): void => {
    if (text.charAt(i) !== ch) fail(i, `expected '${ch}'`);
    i++;
  };
  const readName = (): string => {
    let name = '';
    while (i < text.length && !NAME_STOP.has(text.charAt(i))) {
      // `\.` keeps a dot inside a key: .metadata.annotations.kubernetes\.io/change-cause
      if (text.charAt(i) === '\\' && i + 1 < text.length) i++;
      name += text.charAt(i++);
    }
    return name;
  };
  const readQuoted = (): string => {
    const quote = text.charAt(i++);
    let value = '';
    while (i < text.length && text.charAt(i) !== quote) {
      if (text.charAt(i) === '\\' && i + 1 < text.length) i++;
      value += text.charAt(i++);
    }
    if (i >= text.length) fail(i, 'unterminated string');
    i++;
    return value;
  };
  const readNumber = (): number => {
    const match = /^-?\d+(\.\d+)?/.exec(text.slice(i));
    if (!match) return fail(i, 'expected a number');
    i += match[0].length;
    return Number(match[0]);
  };

  const parseOperand = (): Operand => {
    const c = text.charAt(i);
    if (c === '@') {
      i++;
      return { path: parseSegments(true) };
    }
    if (c === '"' || c === "'") return { literal: readQuoted() };
    if (c === '-' || /\d/.test(c)) return { literal: readNumber() };
    for (const word of ['true', 'false'] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { literal: word === 'true' };
      }
    }
    return fail(i, 'expected @, a number or a quoted string');
  };

  const parseFilter = (): Segment => {
    expect('(');
    skipSpace();
    const left = parseOperand();
    skipSpace();
    let segment: Segment = { kind: 'filter', left };
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) {
      i += op.length;
      skipSpace();
      segment = { kind: 'filter', left, op, right: parseOperand() };
      skipSpace();
    }
    expect(')');
    return segment;
  };

  const parseBracket = (): Segment => {
    i++;
    skipSpace();
    const c = text.charAt(i);
    let segment: Segment;
    if (c === '?') {
      i++;
      segment = parseFilter();
    } else if (c === '"' || c === "'") {
      segment = { kind: 'field', name: readQuoted() };
    } else if (c === '*') {
      i++;
      segment = { kind: 'wildcard' };
    } else {
      const close = text.indexOf(']', i);
      if (close < 0) return fail(i, "unterminated '['");
      const body = text.slice(i, close).trim();
      const parts = body.split(':').map((p) => p.trim());
      if (parts.some((p) => p !== '' && !INT.test(p)) || parts.length > 3 || body === '') {
        fail(i, `invalid array index ${JSON.stringify(body)}`);
      }
      const num = (p: string | undefined): number | undefined =>
        p === undefined || p === '' ? undefined : Number(p);
      segment =
        parts.length === 1
          ? { kind: 'index', index: Number(parts[0]) }
          : { kind: 'slice', start: num(parts[0]), end: num(parts[1]), step: num(parts[2]) };
      i = close;
    }
    skipSpace();
    expect(']');
    return segment;
  };

  function parseSegments(inFilter: boolean): Segment[] {
    const segments: Segment[] = [];
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '.' && text.charAt(i + 1) === '.') {
        i += 2;
        const name = text.charAt(i) === '*' ? (i++, undefined) : readName();
        if (name === '') fail(i, "expected a field name after '..'");
        segments.push({ kind: 'recursive', name });
      } else if (c === '.') {
        i++;
        if (text.charAt(i) === '*') {
          i++;
          segments.push({ kind: 'wildcard' });
        } else if (i < text.length && text.charAt(i) !== '[') {
          const name = readName();
          if (name === '') fail(i, `unexpected ${JSON.stringify(text.charAt(i))}`);
          segments.push({ kind: 'field', name });
        }
      } else if (c === '[') {
        segments.push(parseBracket());
      } else if (inFilter) {
        break;
      } else {
        fail(i, `unexpected ${JSON.stringify(c)}`);
      }
    }
    return segments;
  }

  return { source, segments: parseSegments(false) };
}
