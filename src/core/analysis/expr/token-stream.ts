import { syntaxError } from './errors.js';
import { describeToken, type Token, type TokenKind } from './lexer.js';

/** A cursor over the tokens of one source, failing with positioned syntax errors. */
export class TokenStream {
  private index = 0;
  /** Nesting of predicate bodies; `#` and `.field` are only allowed inside one. */
  protected depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  protected get current(): Token {
    return (
      this.tokens[this.index] ??
      this.tokens[this.tokens.length - 1] ?? { kind: 'EOF', value: '', pos: 0 }
    );
  }

  protected get mark(): number {
    return this.index;
  }

  protected reset(mark: number): void {
    this.index = mark;
  }

  protected is(kind: TokenKind, value?: string): boolean {
    return this.current.kind === kind && (value === undefined || this.current.value === value);
  }

  protected next(): void {
    if (this.index >= this.tokens.length - 1) this.fail('unexpected end of expression');
    this.index += 1;
  }

  protected expect(kind: TokenKind, value?: string): void {
    if (!this.is(kind, value)) this.unexpected();
    this.next();
  }

  protected unexpected(): never {
    return this.fail(`unexpected token ${describeToken(this.current)}`);
  }

  protected fail(reason: string, token: Token = this.current): never {
    throw syntaxError(this.source, token.pos, reason);
  }
}
