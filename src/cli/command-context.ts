import type { CliDeps, CliKube } from './cli-deps.js';
import { UsageError } from './cli-errors.js';
import { flagOn, type ParsedArgs } from './parse-args.js';
import { colorEnabled, type Paint, paintFor } from './render/color.js';

/** What every command gets: its arguments, the injected world, and the cluster on first use. */
export interface CommandContext {
  args: ParsedArgs;
  deps: CliDeps;
  /** Connects on first call (commands like `lint` and `version` never do). */
  cluster(): CliKube;
  /** The API server URL once connected, for error messages. */
  server(): string | undefined;
  /** `-n`, else the context's namespace, else `default`. */
  namespace(): string;
  paint: Paint;
  out(text: string): void;
  /** A `warning: …` line on stderr: the command went ahead, but its caller should know. */
  warn(text: string): void;
}

export function buildCommandContext(args: ParsedArgs, deps: CliDeps): CommandContext {
  let connected: CliKube | undefined;
  const cluster = () => {
    if (!connected) {
      const kubeconfig = args.flags.get('kubeconfig');
      const context = args.flags.get('context');
      connected = deps.connect({
        ...(kubeconfig ? { kubeconfig } : {}),
        ...(context ? { context } : {}),
      });
    }
    return connected;
  };
  return {
    args,
    deps,
    cluster,
    server: () => connected?.server,
    namespace: () => args.flags.get('namespace') ?? cluster().namespace ?? 'default',
    paint: paintFor(colorEnabled(deps.io.isTTY, flagOn(args, 'no-color'), deps.env)),
    out: (text) => deps.io.stdout(text.endsWith('\n') ? text : `${text}\n`),
    warn: (text) => deps.io.stderr(`warning: ${text}\n`),
  };
}

/** The positional argument at `index`, or a usage error naming what is missing. */
export function required(ctx: CommandContext, index: number, what: string): string {
  const value = ctx.args.positionals[index];
  if (value === undefined || value === '') throw new UsageError(`${what} is required`);
  return value;
}

/** `-o json|yaml`, or undefined for the table/tree; anything else is a usage error. */
export function outputFormat(ctx: CommandContext): 'json' | 'yaml' | undefined {
  const o = ctx.args.flags.get('output');
  if (o === undefined || o === '') return undefined;
  if (o === 'json' || o === 'yaml') return o;
  throw new UsageError(`unsupported output format "${o}": use json or yaml`);
}
