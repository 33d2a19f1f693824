import {
  buildTemplateData,
  buildTriggerVars,
  renderNotification,
  runTrigger,
} from '../../core/notifications/index.js';
import type { NotificationConfig } from '../../core/notifications/types.js';
import { CliError, EXIT, UsageError } from '../cli-errors.js';
import { type CommandContext, required } from '../command-context.js';
import { formatColumns } from '../render/columns.js';
import { renderStructured } from '../render/structured.js';
import { loadCliNotificationConfig, loadCliRollout } from './notifications-load.js';
import { parseRecipient, sendManually } from './notifications-send.js';

/**
 * `notifications template get|notify` and `trigger get|run`, as upstream's
 * `kubectl argo rollouts notifications …` (issue 20 §7): preview what the controller would send
 * for a Rollout, or send it by hand. `--config-map`/`--secret` read files instead of the cluster.
 */
export async function notificationsCommand(ctx: CommandContext): Promise<number> {
  const group = ctx.args.positionals[1];
  const verb = ctx.args.positionals[2];
  const run = Object.hasOwn(SUBCOMMANDS, `${group} ${verb}`)
    ? SUBCOMMANDS[`${group} ${verb}`]
    : undefined;
  if (!run)
    throw new UsageError(
      'notifications: use "template get|notify" or "trigger get|run" (e.g. notifications trigger get)',
    );
  return run(ctx, await loadCliNotificationConfig(ctx));
}

type Subcommand = (ctx: CommandContext, config: NotificationConfig) => number | Promise<number>;

const SUBCOMMANDS: Record<string, Subcommand> = {
  'template get': templateGet,
  'template notify': templateNotify,
  'trigger get': triggerGet,
  'trigger run': triggerRun,
};

/** `-o` as upstream's `get` takes it: the table (`wide` too), `name`, `json` or `yaml`. */
function listFormat(ctx: CommandContext): 'table' | 'name' | 'json' | 'yaml' {
  const o = ctx.args.flags.get('output') ?? '';
  if (o === '' || o === 'wide') return 'table';
  if (o === 'name' || o === 'json' || o === 'yaml') return o;
  throw new UsageError(`unsupported output format "${o}": use wide, name, json or yaml`);
}

/** The entries named `name` (all when absent), sorted; a name that matches nothing is an error. */
function selected<T>(
  all: ReadonlyMap<string, T>,
  name: string | undefined,
  what: string,
): [string, T][] {
  const entries = [...all].filter(([n]) => name === undefined || n === name);
  if (name !== undefined && entries.length === 0)
    throw new CliError(`${what} "${name}" is not configured`);
  return entries.sort(([a], [b]) => a.localeCompare(b));
}

function templateGet(ctx: CommandContext, config: NotificationConfig): number {
  const entries = selected(config.templates, ctx.args.positionals[3], 'template');
  const format = listFormat(ctx);
  if (format === 'name') ctx.out(entries.map(([n]) => n).join('\n'));
  else if (format !== 'table')
    ctx.out(renderStructured(Object.fromEntries(entries.map(([n, t]) => [n, t.source])), format));
  else
    ctx.out(
      formatColumns([['NAME', 'PREVIEW'], ...entries.map(([n, t]) => [n, preview(t.source)])]),
    );
  return EXIT.ok;
}

/** The first line of `message` (else of the template as JSON), cut at 100 characters as upstream does. */
function preview(source: Record<string, unknown>): string {
  const text =
    typeof source.message === 'string' && source.message !== ''
      ? source.message
      : JSON.stringify(source);
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 99)}...` : line;
}

function triggerGet(ctx: CommandContext, config: NotificationConfig): number {
  const entries = selected(config.triggers, ctx.args.positionals[3], 'trigger');
  const format = listFormat(ctx);
  if (format === 'name') ctx.out(entries.map(([n]) => n).join('\n'));
  else if (format !== 'table')
    ctx.out(
      renderStructured(Object.fromEntries(entries.map(([n, t]) => [n, t.conditions])), format),
    );
  else {
    const rows = entries.flatMap(([n, t]) =>
      t.conditions.map((c, i) => [i === 0 ? n : '', c.send.join(', '), c.when ?? '']),
    );
    ctx.out(formatColumns([['NAME', 'TEMPLATE', 'CONDITION'], ...rows]));
  }
  return EXIT.ok;
}

/** Each condition's `when` and whether it holds for the Rollout now (an error says why it cannot run). */
async function triggerRun(ctx: CommandContext, config: NotificationConfig): Promise<number> {
  const name = required(ctx, 3, 'trigger name');
  const ref = required(ctx, 4, 'rollout (a name or a file)');
  const trigger = config.triggers.get(name);
  if (!trigger) {
    const known = [...config.triggers.keys()].sort().join(', ');
    throw new CliError(`trigger "${name}" is not configured (found ${known})`);
  }
  const { rollout, analysisRuns } = await loadCliRollout(ctx, ref);
  const vars = buildTriggerVars(rollout, analysisRuns, config.secrets);
  const results = runTrigger(trigger, () => vars, ctx.deps.now());
  const rows = results.map((r) => [
    r.condition.when ?? '',
    r.problem ? `error: ${r.problem.message}` : String(r.triggered),
  ]);
  ctx.out(formatColumns([['CONDITION', 'RESULT'], ...rows]));
  return EXIT.ok;
}

/**
 * Renders `<template>` for the Rollout and sends it to each `--recipient SERVICE:RECIPIENT` (repeatable,
 * `console:stdout` by default, which prints it), as upstream's plugin does. A failed send is
 * reported on stderr and the command exits 1 once every recipient was tried.
 */
async function templateNotify(ctx: CommandContext, config: NotificationConfig): Promise<number> {
  const template = required(ctx, 3, 'template name');
  const ref = required(ctx, 4, 'rollout (a name or a file)');
  const targets = ctx.args.repeated.get('recipient') ?? ['console:stdout'];
  const { rollout, analysisRuns } = await loadCliRollout(ctx, ref);
  let failed = false;
  for (const target of targets) {
    const { service, recipient } = parseRecipient(target);
    const data = buildTemplateData({
      rollout,
      analysisRuns,
      now: ctx.deps.now(),
      recipient,
      serviceType: service,
      context: config.context,
      secrets: config.secrets,
      actions: [],
    });
    const rendered = renderNotification(config, { template }, data);
    if ('problem' in rendered)
      throw new CliError(`${rendered.problem.key}: ${rendered.problem.message}`);
    const { message, sections } = rendered.message;
    if (service === 'console') {
      ctx.out(renderStructured({ message, ...sections }, 'yaml'));
      continue;
    }
    const refusal = await sendManually(ctx, config, {
      target,
      template,
      rollout,
      message: rendered.message,
    });
    if (refusal === undefined) ctx.out(`sent ${template} to ${target}`);
    else {
      failed = true;
      ctx.deps.io.stderr(`failed to notify '${target}': ${refusal}\n`);
    }
  }
  return failed ? EXIT.error : EXIT.ok;
}
