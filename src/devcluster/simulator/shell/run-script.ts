import { evaluateArithmetic } from './arithmetic.js';
import { parseArithmeticWord, parseScript, type Pipeline, type Word } from './parse-script.js';
import { seededRandom } from './seeded-random.js';
import { evaluateTest } from './test-command.js';
import { ShellExit, Undecidable } from './undecidable.js';

export interface ScriptContext {
  /** The container's environment (values the devcluster knows; others are undecidable). */
  env: Readonly<Record<string, string>>;
  /** `$0`, `$1`…: the words after the script in `sh -c script …`. */
  positional: readonly string[];
  /** When the container starts (ms); `date +%s` reads it, advanced by every `sleep`. */
  startedAt: number;
  /** Seeds `$RANDOM` (the devcluster uses the Job's namespace/name). */
  randomSeed: string;
  /** `sh -ec`: exit on the first failing command. */
  errexit?: boolean;
}

export type ScriptOutcome =
  { decided: true; exitCode: number; runSeconds: number } | { decided: false; reason: string };

/**
 * Runs an `sh -c` script without running anything: a small interpreter for the forms analysis Jobs
 * use (see parseScript), with the builtins `exit`, `true`, `false`, `:`, `test`/`[`, `sleep`,
 * `echo`, `printf`, `export`, `set -e`/`-x`, and `$(date +%s)`. Output is discarded. Anything
 * else (another program, an unknown variable, a construct it does not parse) is undecidable.
 */
export function runScript(script: string, ctx: ScriptContext): ScriptOutcome {
  try {
    const shell = new Shell(ctx);
    const status = shell.run(script);
    return { decided: true, exitCode: status, runSeconds: shell.sleptSeconds };
  } catch (e) {
    if (e instanceof Undecidable) return { decided: false, reason: e.message };
    throw e;
  }
}

class Exit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

class Shell {
  private readonly vars = new Map<string, string>();
  private readonly random: () => number;
  private status = 0;
  private errexit: boolean;
  sleptSeconds = 0;

  constructor(private readonly ctx: ScriptContext) {
    for (const [k, v] of Object.entries(ctx.env)) this.vars.set(k, v);
    this.random = seededRandom(ctx.randomSeed);
    this.errexit = ctx.errexit ?? false;
  }

  run(script: string): number {
    try {
      for (const list of parseScript(script)) {
        let last = list.first;
        this.status = this.pipeline(list.first);
        for (const { op, pipeline } of list.rest) {
          if ((op === '&&') === (this.status === 0)) {
            last = pipeline;
            this.status = this.pipeline(pipeline);
          }
        }
        // set -e: a failing and-or list exits unless its last run command was not its last one.
        const lastOfList =
          list.rest.length === 0 ? list.first : list.rest[list.rest.length - 1]?.pipeline;
        if (this.errexit && this.status !== 0 && last === lastOfList && !last.negated)
          return this.status;
      }
      return this.status;
    } catch (e) {
      if (e instanceof Exit) return e.status;
      if (e instanceof ShellExit) return e.status;
      throw e;
    }
  }

  private pipeline(p: Pipeline): number {
    const status = this.simpleCommand(p.words);
    return p.negated ? (status === 0 ? 1 : 0) : status;
  }

  private simpleCommand(words: Word[]): number {
    let i = 0;
    const assignments: Array<[string, string]> = [];
    for (; i < words.length; i++) {
      const a = this.assignment(words[i] ?? []);
      if (!a) break;
      assignments.push(a);
    }
    if (i === words.length) {
      for (const [k, v] of assignments) this.vars.set(k, v);
      return 0;
    }
    if (assignments.length) throw new Undecidable('assignments before a command');
    const argv = words.slice(i).flatMap((w) => this.expand(w));
    const [name, ...args] = argv;
    if (name === undefined) return 0;
    return this.builtin(name, args);
  }

  private builtin(name: string, args: string[]): number {
    switch (name) {
      case 'exit': {
        const arg = args[0];
        if (arg === undefined) throw new Exit(this.status);
        if (!/^\d+$/.test(arg)) throw new ShellExit(2, `exit: Illegal number: ${arg}`);
        throw new Exit(Number(BigInt(arg) & 255n));
      }
      case 'true':
      case ':':
        return 0;
      case 'false':
        return 1;
      case 'test':
        return evaluateTest(args);
      case '[':
        if (args[args.length - 1] !== ']') return 2; // "[: missing ]"
        return evaluateTest(args.slice(0, -1));
      case 'sleep':
        this.sleep(args);
        return 0;
      case 'echo':
      case 'printf':
        return 0;
      case 'export':
        for (const a of args) {
          const m = /^([A-Za-z_]\w*)(?:=(.*))?$/s.exec(a);
          if (!m) throw new Undecidable(`export ${a}`);
          if (m[2] !== undefined) this.vars.set(m[1] ?? '', m[2]);
        }
        return 0;
      case 'set':
        for (const a of args) {
          if (!/^[-+][ex]+$/.test(a)) throw new Undecidable(`set ${a}`);
          if (a.includes('e')) this.errexit = a.startsWith('-');
        }
        return 0;
      default:
        throw new Undecidable(`command ${name}`);
    }
  }

  /** `sleep N[smhd]`, several arguments summed as GNU and busybox do. */
  private sleep(args: string[]): void {
    const factor: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
    if (args.length === 0) throw new Undecidable('sleep without an argument');
    for (const a of args) {
      const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a);
      if (!m) throw new Undecidable(`sleep ${a}`);
      this.sleptSeconds += Number(m[1]) * (factor[m[2] ?? ''] ?? 1);
    }
  }

  private assignment(word: Word): [string, string] | undefined {
    const head = word[0];
    if (head?.kind !== 'literal' || head.quoted) return undefined;
    const m = /^([A-Za-z_]\w*)=/.exec(head.text);
    if (!m) return undefined;
    const value: Word = [{ ...head, text: head.text.slice(m[0].length) }, ...word.slice(1)];
    return [m[1] ?? '', this.expand(value.map((p) => ({ ...p, quoted: true }))).join('')];
  }

  /** Expands a word into fields: unquoted expansions split on blanks, an empty unquoted one vanishes. */
  private expand(word: Word): string[] {
    let text = '';
    let splittable = false;
    let anyQuoted = false;
    for (const part of word) {
      const value = part.kind === 'literal' ? part.text : this.expandPart(part);
      if (part.quoted) anyQuoted = true;
      else if (part.kind !== 'literal') splittable = true;
      else if (/[*?]/.test(part.text)) throw new Undecidable(`pathname expansion in ${part.text}`);
      text += value;
    }
    if (!splittable || anyQuoted) return [text];
    return text.split(/[ \t\n]+/).filter((f) => f !== '');
  }

  private expandPart(part: Exclude<Word[number], { kind: 'literal' }>): string {
    switch (part.kind) {
      case 'param': {
        const value = this.param(part.name);
        if (part.fallback && (value === undefined || (part.fallback.ifEmpty && value === ''))) {
          return this.expand([{ kind: 'literal', text: part.fallback.text, quoted: true }]).join(
            '',
          );
        }
        if (value === undefined)
          throw new Undecidable(`variable ${part.name} is not known to the devcluster`);
        return value;
      }
      case 'arith': {
        const inner = this.expandInArithmetic(part.text);
        return String(evaluateArithmetic(inner, (name) => this.param(name) ?? this.unknown(name)));
      }
      case 'command':
        return this.commandSubstitution(part.text);
    }
  }

  private unknown(name: string): never {
    throw new Undecidable(`variable ${name} is not known to the devcluster`);
  }

  /** `$x`, `${x}` and `$(…)` inside `$(( … ))` are expanded before the arithmetic is evaluated. */
  private expandInArithmetic(text: string): string {
    return text.includes('$') ? this.expand(parseArithmeticWord(text)).join('') : text;
  }

  private commandSubstitution(text: string): string {
    if (/^\s*date\s+\+%s\s*$/.test(text))
      return String(Math.floor((this.ctx.startedAt + this.sleptSeconds * 1000) / 1000));
    throw new Undecidable(`command substitution $(${text.trim()})`);
  }

  private param(name: string): string | undefined {
    if (name === 'RANDOM') return String(this.random());
    if (name === '?') return String(this.status);
    if (name === '#') return String(Math.max(this.ctx.positional.length - 1, 0));
    if (/^\d$/.test(name)) return this.ctx.positional[Number(name)] ?? '';
    if (/^[$!@*-]$/.test(name)) throw new Undecidable(`special parameter $${name}`);
    return this.vars.get(name);
  }
}
