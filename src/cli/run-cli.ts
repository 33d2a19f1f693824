import { KubeApiError } from '../adapters/kube/index.js';
import type { CliDeps } from './cli-deps.js';
import { CliError, describeKubeError, EXIT, UsageError } from './cli-errors.js';
import { buildCommandContext, type CommandContext } from './command-context.js';
import { freezeCommand, unfreezeCommand } from './commands/freeze.js';
import { getCommand } from './commands/get.js';
import { lintCommand } from './commands/lint.js';
import { listCommand } from './commands/list.js';
import { notificationsCommand } from './commands/notifications.js';
import { operateCommand, retryCommand } from './commands/operate.js';
import { releasesCommand } from './commands/releases.js';
import { setImageCommand } from './commands/set-image.js';
import { statusCommand } from './commands/status.js';
import { undoCommand } from './commands/undo.js';
import { versionCommand } from './commands/version.js';
import { flagOn, parseArgs } from './parse-args.js';
import { USAGE } from './usage.js';

const COMMANDS: Record<string, (ctx: CommandContext) => number | Promise<number>> = {
  list: listCommand,
  get: getCommand,
  status: statusCommand,
  promote: (ctx) => operateCommand(ctx, 'promote'),
  abort: (ctx) => operateCommand(ctx, 'abort'),
  pause: (ctx) => operateCommand(ctx, 'pause'),
  resume: (ctx) => operateCommand(ctx, 'resume'),
  restart: (ctx) => operateCommand(ctx, 'restart'),
  retry: retryCommand,
  set: setImageCommand,
  undo: undoCommand,
  lint: lintCommand,
  notifications: notificationsCommand,
  freeze: freezeCommand,
  unfreeze: unfreezeCommand,
  releases: releasesCommand,
  version: versionCommand,
};

/**
 * The `rollouts` CLI (spec §5): parses `argv` (without the program name), runs one command and
 * returns its exit code (0 ok, 1 error, 2 usage). Errors are printed as `error: …` on stderr;
 * nothing is thrown.
 */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  let ctx: CommandContext | undefined;
  try {
    const args = parseArgs(argv);
    const command = args.positionals[0];
    if (command === undefined || command === 'help' || flagOn(args, 'help')) {
      (command === undefined && !flagOn(args, 'help') ? deps.io.stderr : deps.io.stdout)(USAGE);
      return command === undefined && !flagOn(args, 'help') ? EXIT.usage : EXIT.ok;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(`unknown command "${command}"`);
    ctx = buildCommandContext(args, deps);
    return await run(ctx);
  } catch (e) {
    return report(deps, e, ctx?.server() ?? 'the kubeconfig server');
  }
}

function report(deps: CliDeps, e: unknown, server: string): number {
  if (e instanceof UsageError) {
    deps.io.stderr(`error: ${e.message}\nRun 'rollouts --help' for usage.\n`);
    return EXIT.usage;
  }
  if (e instanceof CliError) {
    deps.io.stderr(`error: ${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof KubeApiError) {
    deps.io.stderr(`error: ${describeKubeError(e, server)}\n`);
    return EXIT.error;
  }
  deps.io.stderr(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  return EXIT.error;
}
