import { ShellExit, Undecidable } from './undecidable.js';

/**
 * POSIX shell arithmetic (`$(( … ))`) over 64-bit signed integers: numbers (decimal, 0x hex,
 * leading-0 octal), variables by bare name, unary + - ! ~, * / %, + -, << >>, < <= > >=, == !=,
 * &, ^, |, &&, ||, ?: and parentheses. Assignments (`=`, `+=`, `++`) are not supported. Division by
 * zero ends the shell with status 2, as dash and busybox do.
 */
export function evaluateArithmetic(text: string, lookup: (name: string) => string): bigint {
  const tokens =
    text.match(
      /\s+|0[xX][0-9a-fA-F]+|\d+|[A-Za-z_]\w*|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%<>&|^!~?:()]|./g,
    ) ?? [];
  const toks = tokens.filter((t) => !/^\s+$/.test(t));
  let pos = 0;
  const peek = () => toks[pos];
  const take = (t?: string) => {
    const tok = toks[pos];
    if (tok === undefined || (t !== undefined && tok !== t))
      throw new Undecidable(`arithmetic syntax: ${text}`);
    pos++;
    return tok;
  };
  const wrap = (n: bigint) => BigInt.asIntN(64, n);
  const truth = (b: boolean) => (b ? 1n : 0n);

  const variable = (name: string, depth: number): bigint => {
    const value = lookup(name).trim();
    if (value === '') return 0n;
    if (depth > 8) throw new Undecidable(`arithmetic recursion in ${name}`);
    return evaluateArithmetic(value, lookup);
  };

  const primary = (): bigint => {
    const tok = take();
    if (tok === '(') {
      const v = ternary();
      take(')');
      return v;
    }
    if (/^0[xX]/.test(tok)) return wrap(BigInt(tok));
    if (/^0[0-7]+$/.test(tok)) return wrap(BigInt(`0o${tok.slice(1)}`));
    if (/^\d+$/.test(tok)) {
      if (/^0\d/.test(tok)) throw new Undecidable(`bad octal number ${tok}`);
      return wrap(BigInt(tok));
    }
    if (/^[A-Za-z_]\w*$/.test(tok)) {
      if (peek() === '=' || peek() === '++' || peek() === '--')
        throw new Undecidable('arithmetic assignment');
      return variable(tok, 0);
    }
    throw new Undecidable(`arithmetic syntax: ${text}`);
  };

  const unary = (): bigint => {
    const tok = peek();
    if (tok === '-' || tok === '+' || tok === '!' || tok === '~') {
      pos++;
      const v = unary();
      return tok === '-' ? wrap(-v) : tok === '+' ? v : tok === '!' ? truth(v === 0n) : wrap(~v);
    }
    return primary();
  };

  const binaryLevel =
    (
      ops: readonly string[],
      next: () => bigint,
      apply: (op: string, a: bigint, b: bigint) => bigint,
    ) =>
    (): bigint => {
      let left = next();
      while (ops.includes(peek() ?? '')) {
        const op = take();
        left = apply(op, left, next());
      }
      return left;
    };

  /** Inside a branch that && || ?: skip, errors do not count (the shell never evaluates it). */
  let skipped = 0;
  const unevaluated = <T>(parse: () => T): T => {
    skipped++;
    try {
      return parse();
    } finally {
      skipped--;
    }
  };

  const multiplicative = binaryLevel(['*', '/', '%'], unary, (op, a, b) => {
    if (op === '*') return wrap(a * b);
    if (b === 0n && skipped > 0) return 0n;
    if (b === 0n) throw new ShellExit(2, 'arithmetic: division by zero');
    return wrap(op === '/' ? a / b : a % b);
  });
  const additive = binaryLevel(['+', '-'], multiplicative, (op, a, b) =>
    wrap(op === '+' ? a + b : a - b),
  );
  const shift = binaryLevel(['<<', '>>'], additive, (op, a, b) =>
    wrap(op === '<<' ? a << (b & 63n) : a >> (b & 63n)),
  );
  const relational = binaryLevel(['<', '<=', '>', '>='], shift, (op, a, b) =>
    truth(op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b),
  );
  const equality = binaryLevel(['==', '!='], relational, (op, a, b) =>
    truth(op === '==' ? a === b : a !== b),
  );
  const bitAnd = binaryLevel(['&'], equality, (_op, a, b) => a & b);
  const bitXor = binaryLevel(['^'], bitAnd, (_op, a, b) => a ^ b);
  const bitOr = binaryLevel(['|'], bitXor, (_op, a, b) => a | b);
  const logical = (op: '&&' | '||', next: () => bigint) => (): bigint => {
    let left = next();
    while (peek() === op) {
      take();
      const decided = op === '&&' ? left === 0n : left !== 0n;
      const right = decided ? unevaluated(next) : next();
      left = truth(decided ? op === '||' : right !== 0n);
    }
    return left;
  };
  const logicalAnd = logical('&&', bitOr);
  const logicalOr = logical('||', logicalAnd);

  function ternary(): bigint {
    const cond = logicalOr();
    if (peek() !== '?') return cond;
    take('?');
    const yes = cond !== 0n ? ternary() : unevaluated(ternary);
    take(':');
    const no = cond !== 0n ? unevaluated(ternary) : ternary();
    return cond !== 0n ? yes : no;
  }

  if (toks.length === 0) return 0n;
  const result = ternary();
  if (pos !== toks.length) throw new Undecidable(`arithmetic syntax: ${text}`);
  return result;
}
