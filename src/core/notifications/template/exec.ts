import { describePipeline, type Node, type Pipeline } from './ast.js';
import { goPosition, TemplateError } from './errors.js';
import { Evaluator, type Scope } from './evaluate.js';
import type { FunctionEnv } from './function.js';
import type { Template } from './parser.js';
import { goQuote } from './quote.js';
import { GoTime } from './time.js';
import { isMap, isTrue, kindOf, printAction } from './values.js';

type Signal = 'break' | 'continue' | undefined;

/** Where execution stands: the template being executed (for messages), its variables, depth. */
interface Frame {
  readonly executing: string;
  readonly vars: Scope[];
  readonly depth: number;
  readonly evaluator: Evaluator;
}

/** Go's default limit is 100000; a notification template nests nowhere near this. */
const MAX_DEPTH = 1000;

/**
 * Executes a parsed template against `data`, as Go's `Template.Execute` does with the default
 * `missingkey` option (a missing map key prints `<no value>`). Throws a {@link TemplateError} that
 * names the node where execution failed.
 */
export function renderTemplate(template: Template, data: unknown): string {
  const run = new Run(template, clockOf(data));
  run.walk(template.root, data, run.frame(template.name, data, 0));
  return run.out.join('');
}

/** sprig's `now` reads the clock the data carries (`.time.Now`), so rendering stays pure. */
function clockOf(data: unknown): FunctionEnv {
  const time = isMap(data) ? data.time : undefined;
  const now = isMap(time) ? time.Now : undefined;
  if (typeof now !== 'function') return { now: undefined };
  return {
    now: () => {
      const value: unknown = now();
      if (!(value instanceof GoTime)) throw new Error('.time.Now did not return a time');
      return value;
    },
  };
}

class Run {
  readonly out: string[] = [];

  constructor(
    private readonly template: Template,
    private readonly env: FunctionEnv,
  ) {}

  frame(executing: string, dot: unknown, depth: number): Frame {
    const vars: Scope[] = [{ name: '$', value: dot }];
    const evaluator = new Evaluator(this.env, vars, (pos, context, reason) =>
      this.error(executing, pos, context, reason),
    );
    return { executing, vars, depth, evaluator };
  }

  walk(nodes: readonly Node[], dot: unknown, frame: Frame): Signal {
    for (const node of nodes) {
      const signal = this.step(node, dot, frame);
      if (signal !== undefined) return signal;
    }
    return undefined;
  }

  private step(node: Node, dot: unknown, frame: Frame): Signal {
    switch (node.kind) {
      case 'text':
        this.out.push(node.text);
        return undefined;
      case 'action': {
        const value = frame.evaluator.pipeline(node.pipe, dot);
        if (node.pipe.vars.length === 0) this.out.push(printAction(value));
        return undefined;
      }
      case 'if':
      case 'with': {
        const mark = frame.vars.length;
        const value = frame.evaluator.pipeline(node.pipe, dot);
        const truth = isTrue(value);
        const branch = truth ? node.list : node.elseList;
        const inner = node.kind === 'with' && truth ? value : dot;
        const signal = branch === undefined ? undefined : this.walk(branch, inner, frame);
        frame.vars.length = mark;
        return signal;
      }
      case 'range':
        return this.range(node, dot, frame);
      case 'template':
        return this.call(node, dot, frame);
      case 'break':
      case 'continue':
        return node.kind;
    }
  }

  /** Each iteration binds `$v` or `$i, $v` afresh (or assigns them, for `=`), then runs the body. */
  private range(
    node: Node & { kind: 'range' | 'if' | 'with' },
    dot: unknown,
    frame: Frame,
  ): Signal {
    const { vars } = frame;
    const mark = vars.length;
    const collection = frame.evaluator.pipeline({ ...node.pipe, vars: [] }, dot);
    const entries = this.entries(collection, node.pipe, frame);
    const names = node.pipe.vars;
    for (const [key, value] of entries) {
      const bound: unknown[] = names.length === 2 ? [key, value] : [value];
      names.forEach((name, i) => frame.evaluator.bind(name, bound[i], node.pipe.assign));
      const signal = this.walk(node.list, value, frame);
      vars.length = mark;
      if (signal === 'break') break;
    }
    if (entries.length === 0 && node.elseList !== undefined)
      return this.walk(node.elseList, dot, frame);
    return undefined;
  }

  /** Lists in order, maps in sorted key order, an int as 0…n-1; nil ranges over nothing. */
  private entries(collection: unknown, pipe: Pipeline, frame: Frame): [unknown, unknown][] {
    switch (kindOf(collection)) {
      case 'slice':
        return (collection as unknown[]).map((v, i) => [BigInt(i), v]);
      case 'map': {
        const map = collection as Record<string, unknown>;
        return Object.keys(map)
          .sort()
          .map((k) => [k, map[k]]);
      }
      case 'int': {
        const count = Number(collection as bigint);
        return Array.from({ length: Math.max(0, count) }, (_v, i) => [BigInt(i), BigInt(i)]);
      }
      case 'invalid':
      case 'nil':
        return [];
      default:
        throw this.error(
          frame.executing,
          pipe.pos,
          describePipeline({ ...pipe, vars: [] }),
          `range can't iterate over ${printAction(collection)}`,
        );
    }
  }

  /** `{{template "name" pipeline}}`: the named body with the pipeline's value as `.` and `$`. */
  private call(node: Node & { kind: 'template' }, dot: unknown, frame: Frame): Signal {
    const body =
      this.template.defines.get(node.name) ??
      (node.name === this.template.name ? this.template.root : undefined);
    const context = (): string =>
      `{{template ${goQuote(node.name)}${node.pipe ? ` ${describePipeline(node.pipe)}` : ''}}}`;
    if (body === undefined)
      throw this.error(
        frame.executing,
        node.pos,
        context,
        `template ${goQuote(node.name)} not defined`,
      );
    if (frame.depth >= MAX_DEPTH)
      throw this.error(
        frame.executing,
        node.pos,
        context,
        `exceeded maximum template depth (${MAX_DEPTH})`,
      );
    const value = node.pipe === undefined ? undefined : frame.evaluator.pipeline(node.pipe, dot);
    this.walk(body, value, this.frame(node.name, value, frame.depth + 1));
    return undefined;
  }

  private error(
    executing: string,
    pos: number,
    context: string | (() => string),
    reason: string,
  ): TemplateError {
    const { line, column } = goPosition(this.template.text, pos);
    const at = typeof context === 'string' ? context : context();
    return new TemplateError(
      this.template.name,
      line,
      column,
      `executing ${goQuote(executing)} at <${at}>: ${reason}`,
    );
  }
}
