/** The parsed form of a template, after Go's `text/template/parse` nodes. `pos` is a UTF-16 offset. */

export type Operand =
  | { readonly kind: 'field'; readonly pos: number; readonly path: readonly string[] }
  | {
      readonly kind: 'variable';
      readonly pos: number;
      readonly name: string;
      readonly path: readonly string[];
    }
  | { readonly kind: 'dot'; readonly pos: number }
  | { readonly kind: 'nil'; readonly pos: number }
  | { readonly kind: 'bool'; readonly pos: number; readonly value: boolean }
  | {
      readonly kind: 'number';
      readonly pos: number;
      readonly text: string;
      readonly value: NumberValue;
    }
  | { readonly kind: 'string'; readonly pos: number; readonly text: string; readonly value: string }
  | { readonly kind: 'identifier'; readonly pos: number; readonly name: string }
  | { readonly kind: 'pipe'; readonly pos: number; readonly pipe: Pipeline }
  | {
      readonly kind: 'chain';
      readonly pos: number;
      readonly operand: Operand;
      readonly path: readonly string[];
    };

/** A numeric constant: an integer literal (or rune) is Go's `int`, anything else `float64`. */
export type NumberValue = { readonly int: bigint } | { readonly float: number };

export interface Command {
  readonly pos: number;
  readonly args: readonly Operand[];
}

export interface Pipeline {
  readonly pos: number;
  /** Variables declared (`:=`) or assigned (`=`) by the pipeline. */
  readonly vars: readonly string[];
  readonly assign: boolean;
  readonly commands: readonly Command[];
}

export type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'action'; readonly pos: number; readonly pipe: Pipeline }
  | {
      readonly kind: 'if' | 'with' | 'range';
      readonly pos: number;
      readonly pipe: Pipeline;
      readonly list: readonly Node[];
      readonly elseList: readonly Node[] | undefined;
    }
  | {
      readonly kind: 'template';
      readonly pos: number;
      readonly name: string;
      readonly pipe: Pipeline | undefined;
    }
  | { readonly kind: 'break' | 'continue'; readonly pos: number };

/** Go's `String()` of an operand, as exec errors quote it (`at <index .words 9>`). */
export function describeOperand(operand: Operand): string {
  switch (operand.kind) {
    case 'field':
      return operand.path.map((p) => `.${p}`).join('');
    case 'variable':
      return operand.name + operand.path.map((p) => `.${p}`).join('');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(operand.value);
    case 'number':
    case 'string':
      return operand.text;
    case 'identifier':
      return operand.name;
    case 'pipe':
      return `(${describePipeline(operand.pipe)})`;
    case 'chain':
      return describeOperand(operand.operand) + operand.path.map((p) => `.${p}`).join('');
  }
}

export function describeCommand(command: Command): string {
  return command.args.map(describeOperand).join(' ');
}

export function describePipeline(pipe: Pipeline): string {
  const decl = pipe.vars.length === 0 ? '' : `${pipe.vars.join(', ')} ${pipe.assign ? '=' : ':='} `;
  return decl + pipe.commands.map(describeCommand).join(' | ');
}
