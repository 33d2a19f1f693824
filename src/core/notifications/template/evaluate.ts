import {
  describeCommand,
  describeOperand,
  type Command,
  type Operand,
  type Pipeline,
} from './ast.js';
import { TemplateError } from './errors.js';
import { checkArg, literalArg, type Fail } from './arguments.js';
import { PARAM_TYPE_NAMES, type FunctionEnv, type ParamType } from './function.js';
import { FUNCTIONS } from './functions.js';
import { methodOf } from './methods.js';
import { goTypeName, isTrue, kindOf } from './values.js';

/** A variable in scope; `$` is the data the template (or `{{template}}` call) started with. */
export interface Scope {
  readonly name: string;
  value: unknown;
}

/** Marks "no value piped in", which differs from piping in a missing value. */
const NO_FINAL: unique symbol = Symbol('no final');
type Final = unknown;

interface Callee {
  readonly name: string;
  readonly params: readonly ParamType[];
  readonly variadic: ParamType | undefined;
  readonly invoke: (args: readonly unknown[]) => unknown;
}

/** Evaluates pipelines, commands and arguments with Go's `text/template` rules (exec.go). */
export class Evaluator {
  constructor(
    private readonly env: FunctionEnv,
    private readonly vars: Scope[],
    private readonly fail: Fail,
  ) {}

  pipeline(pipe: Pipeline, dot: unknown): unknown {
    let value: Final = NO_FINAL;
    for (const command of pipe.commands) value = this.command(command, dot, value);
    for (const name of pipe.vars) {
      if (this.bind(name, value, pipe.assign)) continue;
      const last = pipe.commands.at(-1);
      const context = last ? describeCommand(last) : '';
      throw this.fail(last?.pos ?? pipe.pos, context, `undefined variable: ${name}`);
    }
    return value;
  }

  /** Declares `name` (`:=`) or assigns the innermost `name` in scope (`=`); false if there is none. */
  bind(name: string, value: unknown, assign: boolean): boolean {
    if (!assign) {
      this.vars.push({ name, value });
      return true;
    }
    for (let i = this.vars.length - 1; i >= 0; i -= 1) {
      const scope = this.vars[i];
      if (scope?.name === name) {
        scope.value = value;
        return true;
      }
    }
    return false;
  }

  private command(command: Command, dot: unknown, final: Final): unknown {
    const [first, ...rest] = command.args;
    if (first === undefined) return undefined;
    switch (first.kind) {
      case 'field':
        return this.fieldChain(dot, dot, first, first.path, command.args, final);
      case 'chain': {
        const receiver = this.arg(dot, first.operand, 'any');
        return this.fieldChain(dot, receiver, first, first.path, command.args, final);
      }
      case 'variable': {
        const value = this.variable(first.name);
        if (first.path.length === 0) {
          this.notAFunction(command.args, final);
          return value;
        }
        return this.fieldChain(dot, value, first, first.path, command.args, final);
      }
      case 'identifier':
        return this.function(first, command, rest, dot, final);
      case 'pipe':
        this.notAFunction(command.args, final);
        return this.pipeline(first.pipe, dot);
      case 'nil':
        throw this.fail(first.pos, 'nil', 'nil is not a command');
      default:
        this.notAFunction(command.args, final);
        return this.arg(dot, first, 'any');
    }
  }

  private notAFunction(args: readonly Operand[], final: Final): void {
    const first = args[0];
    if (first !== undefined && (args.length > 1 || final !== NO_FINAL))
      throw this.fail(
        first.pos,
        describeOperand(first),
        `can't give argument to non-function ${describeOperand(first)}`,
      );
  }

  private variable(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i -= 1) {
      const scope = this.vars[i];
      if (scope?.name === name) return scope.value;
    }
    return undefined;
  }

  private fieldChain(
    dot: unknown,
    receiver: unknown,
    node: Operand,
    path: readonly string[],
    args: readonly Operand[],
    final: Final,
  ): unknown {
    let current = receiver;
    path.forEach((name, i) => {
      const last = i === path.length - 1;
      current = this.field(dot, name, node, last ? args : [], last ? final : NO_FINAL, current);
    });
    return current;
  }

  private field(
    dot: unknown,
    name: string,
    node: Operand,
    args: readonly Operand[],
    final: Final,
    receiver: unknown,
  ): unknown {
    if (receiver === undefined) return undefined;
    const context = (): string => describeOperand(node);
    const method = methodOf(receiver, name);
    if (method !== undefined) {
      const callee: Callee = {
        name,
        params: method.params,
        variadic: undefined,
        invoke: method.invoke,
      };
      return this.call(callee, dot, node, args.slice(1), final, node.pos, context);
    }
    if (receiver === null)
      throw this.fail(node.pos, context, `nil pointer evaluating interface {}.${name}`);
    if (kindOf(receiver) === 'map') {
      if (args.length > 1 || final !== NO_FINAL)
        throw this.fail(node.pos, context, `${name} is not a method but has arguments`);
      const map = receiver as Record<string, unknown>;
      return Object.hasOwn(map, name) ? map[name] : undefined;
    }
    const type = kindOf(receiver) === 'time' ? 'time.Time' : 'interface {}';
    throw this.fail(node.pos, context, `can't evaluate field ${name} in type ${type}`);
  }

  private function(
    identifier: Operand & { kind: 'identifier' },
    command: Command,
    args: readonly Operand[],
    dot: unknown,
    final: Final,
  ): unknown {
    const { name } = identifier;
    if (name === 'and' || name === 'or') return this.logic(name, identifier, args, dot, final);
    if (name === 'call') return this.callBuiltin(identifier, command, args, dot, final);
    const fn = FUNCTIONS[name];
    if (fn === undefined) throw this.fail(identifier.pos, name, `function "${name}" not defined`);
    const callee: Callee = {
      name,
      params: fn.params,
      variadic: fn.variadic,
      invoke: (values) => fn.call(values, this.env),
    };
    return this.call(callee, dot, identifier, args, final, command.pos, () =>
      describeCommand(command),
    );
  }

  /** `and`/`or` stop at the first operand that decides, and return that operand. */
  private logic(
    name: 'and' | 'or',
    identifier: Operand,
    args: readonly Operand[],
    dot: unknown,
    final: Final,
  ): unknown {
    const count = args.length + (final === NO_FINAL ? 0 : 1);
    if (count < 1)
      throw this.fail(
        identifier.pos,
        name,
        `wrong number of args for ${name}: want at least 1 got 0`,
      );
    let value: unknown;
    for (const arg of args) {
      value = this.arg(dot, arg, 'any');
      if (isTrue(value) === (name === 'or')) return value;
    }
    return final === NO_FINAL ? value : final;
  }

  /** Go's `call`: the first argument must be a function; its own arity is checked. */
  private callBuiltin(
    identifier: Operand,
    command: Command,
    args: readonly Operand[],
    dot: unknown,
    final: Final,
  ): unknown {
    const context = (): string => describeCommand(command);
    const values = args.map((a) => this.arg(dot, a, 'any'));
    if (final !== NO_FINAL) values.push(final === undefined ? null : final);
    if (values.length === 0)
      throw this.fail(
        identifier.pos,
        'call',
        'wrong number of args for call: want at least 1 got 0',
      );
    const [target, ...rest] = values;
    const label = args[0] ? describeOperand(args[0]) : 'final';
    if (typeof target !== 'function')
      throw this.fail(
        command.pos,
        context,
        `error calling call: non-function ${label} of type ${goTypeName(target)}`,
      );
    const fn = target as (...a: unknown[]) => unknown;
    if (fn.length !== rest.length)
      throw this.fail(
        command.pos,
        context,
        `error calling call: wrong number of args for ${label}: got ${rest.length} want ${fn.length}`,
      );
    try {
      return fn(...rest);
    } catch (error) {
      throw this.fail(command.pos, context, `error calling call: ${(error as Error).message}`);
    }
  }

  private call(
    callee: Callee,
    dot: unknown,
    nameNode: Operand,
    args: readonly Operand[],
    final: Final,
    pos: number,
    context: string | (() => string),
  ): unknown {
    const count = args.length + (final === NO_FINAL ? 0 : 1);
    const fixed = callee.params.length;
    if (callee.variadic === undefined ? count !== fixed : count < fixed) {
      const want = callee.variadic === undefined ? `${fixed}` : `at least ${fixed}`;
      throw this.fail(
        nameNode.pos,
        describeOperand(nameNode),
        `wrong number of args for ${callee.name}: want ${want} got ${count}`,
      );
    }
    const typeAt = (i: number): ParamType => callee.params[i] ?? callee.variadic ?? 'any';
    const values = args.map((arg, i) => this.arg(dot, arg, typeAt(i)));
    if (final !== NO_FINAL) values.push(checkArg(final, typeAt(args.length), nameNode, this.fail));
    try {
      return callee.invoke(values);
    } catch (error) {
      if (error instanceof TemplateError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw this.fail(pos, context, `error calling ${callee.name}: ${message}`);
    }
  }

  /** Go's `evalArg`: literals must fit the parameter; computed values are type-checked. */
  arg(dot: unknown, node: Operand, type: ParamType): unknown {
    switch (node.kind) {
      case 'nil':
        if (type === 'any') return null;
        if (type === 'map') return {};
        throw this.fail(node.pos, 'nil', `cannot assign nil to ${PARAM_TYPE_NAMES[type]}`);
      case 'bool':
      case 'number':
      case 'string':
        return literalArg(node, type, this.fail);
      default:
        return checkArg(this.operandValue(dot, node), type, node, this.fail);
    }
  }

  private operandValue(dot: unknown, node: Operand): unknown {
    switch (node.kind) {
      case 'dot':
        return dot;
      case 'field':
        return this.fieldChain(dot, dot, node, node.path, [node], NO_FINAL);
      case 'variable': {
        const value = this.variable(node.name);
        if (node.path.length === 0) return value;
        return this.fieldChain(dot, value, node, node.path, [node], NO_FINAL);
      }
      case 'pipe':
        return this.pipeline(node.pipe, dot);
      case 'identifier':
        return this.command({ pos: node.pos, args: [node] }, dot, NO_FINAL);
      case 'chain': {
        const receiver = this.arg(dot, node.operand, 'any');
        return this.fieldChain(dot, receiver, node, node.path, [node], NO_FINAL);
      }
      default:
        return undefined;
    }
  }
}
