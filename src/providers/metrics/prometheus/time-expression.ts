import { parseGoDurationMs } from '../../../domain/go-duration.js';
import { fail, ok, type Step } from '../shared/outcome.js';

type Value = { kind: 'time'; ms: number } | { kind: 'duration'; ms: number };
type Token = { t: 'now' | 'duration' | '(' | ')' | '+' | '-' } | { t: 'string'; value: string };

/**
 * Evaluates a `rangeQuery.start`/`end` expression (spec §2.2) at `nowMs`. Upstream hands these to
 * expr-lang; the subset implemented is what range queries use: `now()`, `duration("1h")`
 * (Go duration syntax), `+`, `-` and parentheses, e.g. `now() - duration("5m")`. Answers epoch ms.
 */
export function evaluateTimeExpression(expression: string, nowMs: number): Step<number> {
  const tokens = tokenize(expression);
  if (!tokens.ok) return fail(`cannot evaluate ${JSON.stringify(expression)}: ${tokens.message}`);
  const parser = new Parser(tokens.value, nowMs);
  const value = parser.parse();
  if (!value.ok) return fail(`cannot evaluate ${JSON.stringify(expression)}: ${value.message}`);
  if (value.value.kind !== 'time')
    return fail(
      `${JSON.stringify(expression)} is a duration, not a time (use now() - duration("…"))`,
    );
  return ok(value.value.ms);
}

function tokenize(src: string): Step<Token[]> {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const space = /^\s+/.exec(rest);
    const word = /^(now|duration)\b/.exec(rest);
    const str = /^(["'`])(.*?)\1/.exec(rest);
    if (space) i += space[0].length;
    else if (word) {
      out.push({ t: word[1] as 'now' | 'duration' });
      i += word[0].length;
    } else if (str) {
      out.push({ t: 'string', value: str[2] ?? '' });
      i += str[0].length;
    } else if ('()+-'.includes(rest[0] ?? '')) {
      out.push({ t: rest[0] as '(' | ')' | '+' | '-' });
      i += 1;
    } else
      return fail(
        `unsupported input at ${JSON.stringify(rest.slice(0, 20))} (only now(), duration("…"), + and - are supported)`,
      );
  }
  return ok(out);
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly nowMs: number,
  ) {}

  parse(): Step<Value> {
    const v = this.sum();
    if (v.ok && this.pos < this.tokens.length)
      return fail(`unexpected "${this.describe(this.tokens[this.pos])}"`);
    return v;
  }

  private sum(): Step<Value> {
    let left = this.operand();
    while (left.ok) {
      const op = this.tokens[this.pos]?.t;
      if (op !== '+' && op !== '-') break;
      this.pos++;
      const right = this.operand();
      if (!right.ok) return right;
      left = combine(left.value, op, right.value);
    }
    return left;
  }

  private operand(): Step<Value> {
    const tok = this.tokens[this.pos++];
    if (tok?.t === 'now') {
      return this.expect('(') && this.expect(')')
        ? ok({ kind: 'time', ms: this.nowMs })
        : fail('now must be called as now()');
    }
    if (tok?.t === 'duration') {
      const open = this.expect('(');
      const arg = this.tokens[this.pos];
      if (!open || arg?.t !== 'string')
        return fail('duration takes one string, as in duration("1h")');
      this.pos++;
      if (!this.expect(')')) return fail('missing ")" after duration("…")');
      const ms = parseGoDurationMs(arg.value);
      return ms === undefined
        ? fail(`invalid duration ${JSON.stringify(arg.value)}`)
        : ok({ kind: 'duration', ms });
    }
    if (tok?.t === '(') {
      const inner = this.sum();
      return inner.ok && !this.expect(')') ? fail('missing ")"') : inner;
    }
    return fail(tok ? `unexpected "${this.describe(tok)}"` : 'unexpected end of expression');
  }

  private expect(t: Token['t']): boolean {
    if (this.tokens[this.pos]?.t !== t) return false;
    this.pos++;
    return true;
  }

  private describe(tok: Token | undefined): string {
    if (!tok) return 'end';
    return tok.t === 'string' ? tok.value : tok.t;
  }
}

/** expr-lang's time arithmetic: time ± duration is a time, duration ± duration a duration, time − time a duration. */
function combine(a: Value, op: '+' | '-', b: Value): Step<Value> {
  const ms = op === '+' ? a.ms + b.ms : a.ms - b.ms;
  if (a.kind === 'time' && b.kind === 'duration') return ok({ kind: 'time', ms });
  if (a.kind === 'duration' && b.kind === 'duration') return ok({ kind: 'duration', ms });
  if (a.kind === 'duration' && b.kind === 'time' && op === '+') return ok({ kind: 'time', ms });
  if (a.kind === 'time' && b.kind === 'time' && op === '-') return ok({ kind: 'duration', ms });
  return fail(`cannot compute ${a.kind} ${op} ${b.kind}`);
}
