// The label selector lexer of k8s.io/apimachinery/pkg/labels/selector.go (Lexer), kept token for token so
// that error messages quote the same literals as the API server.

export type LabelTokenType =
  'end' | 'identifier' | ')' | ',' | '!' | '==' | '=' | '>' | 'in' | '<' | '!=' | 'notin' | '(';

export interface LabelToken {
  readonly type: LabelTokenType;
  readonly literal: string;
}

const KEYWORDS: Readonly<Record<string, LabelTokenType>> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const keyword = (s: string): LabelTokenType | undefined =>
  Object.prototype.hasOwnProperty.call(KEYWORDS, s) ? KEYWORDS[s] : undefined;

const isWhitespace = (ch: string): boolean =>
  ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string): boolean => '=!(),><'.includes(ch) && ch.length === 1;

/** Splits a selector into tokens; the last token is always `end`. */
export function scanLabelSelector(text: string): LabelToken[] {
  const tokens: LabelToken[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && isWhitespace(text.charAt(pos))) pos++;
    if (pos >= text.length) {
      tokens.push({ type: 'end', literal: '' });
      return tokens;
    }
    const start = pos;
    if (isSpecial(text.charAt(pos))) {
      // Longest run of special symbols that is still a token: "!=" but "=" then "(" for "=(".
      let best: LabelToken | undefined;
      while (pos < text.length && isSpecial(text.charAt(pos))) {
        const candidate = text.slice(start, pos + 1);
        const type = keyword(candidate);
        if (type) best = { type, literal: candidate };
        else if (best) break;
        pos++;
      }
      // Every single special symbol is a token, so `best` is always set here.
      const token = best ?? { type: 'end', literal: '' };
      pos = start + token.literal.length;
      tokens.push(token);
      continue;
    }
    while (pos < text.length && !isSpecial(text.charAt(pos)) && !isWhitespace(text.charAt(pos)))
      pos++;
    const literal = text.slice(start, pos);
    tokens.push({ type: keyword(literal) ?? 'identifier', literal });
  }
}
