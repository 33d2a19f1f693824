/** The syntax tree of a condition; `pos` is the 0-based source offset of the node's token. */
export type Expr =
  | { readonly kind: 'nil'; readonly pos: number }
  | { readonly kind: 'bool'; readonly value: boolean; readonly pos: number }
  | { readonly kind: 'int'; readonly value: bigint; readonly pos: number }
  | { readonly kind: 'float'; readonly value: number; readonly pos: number }
  | { readonly kind: 'string'; readonly value: string; readonly pos: number }
  | { readonly kind: 'identifier'; readonly name: string; readonly pos: number }
  /** `#` (name ''), `#index`, `#acc`, and the implicit element of `.field` inside a predicate. */
  | { readonly kind: 'pointer'; readonly name: string; readonly pos: number }
  | { readonly kind: 'unary'; readonly op: string; readonly operand: Expr; readonly pos: number }
  | {
      readonly kind: 'binary';
      readonly op: string;
      readonly left: Expr;
      readonly right: Expr;
      readonly pos: number;
    }
  | {
      readonly kind: 'conditional';
      readonly test: Expr;
      readonly then: Expr;
      readonly otherwise: Expr;
      readonly pos: number;
    }
  | {
      readonly kind: 'member';
      readonly object: Expr;
      readonly property: Expr;
      readonly optional: boolean;
      readonly pos: number;
    }
  /** Wraps a postfix chain holding `?.`: a nil met at an optional step makes the whole chain nil. */
  | { readonly kind: 'chain'; readonly node: Expr; readonly pos: number }
  | {
      readonly kind: 'slice';
      readonly object: Expr;
      readonly from?: Expr;
      readonly to?: Expr;
      readonly pos: number;
    }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly Expr[];
      readonly pos: number;
    }
  | {
      readonly kind: 'method';
      readonly object: Expr;
      readonly name: string;
      readonly args: readonly Expr[];
      readonly optional: boolean;
      readonly pos: number;
    }
  | { readonly kind: 'predicate'; readonly body: Expr; readonly pos: number }
  | { readonly kind: 'array'; readonly items: readonly Expr[]; readonly pos: number }
  | {
      readonly kind: 'map';
      readonly entries: readonly { readonly key: Expr; readonly value: Expr }[];
      readonly pos: number;
    }
  | {
      readonly kind: 'let';
      readonly name: string;
      readonly value: Expr;
      readonly body: Expr;
      readonly pos: number;
    };

export type ExprKind = Expr['kind'];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;
