import { experimentPath, KubeApiError } from '../../adapters/kube/index.js';
import { executeOperation } from '../../controller/execute-operation.js';
import type { RolloutOperation } from '../../core/rollout/operations/index.js';
import { CliError, EXIT, UsageError } from '../cli-errors.js';
import { type CommandContext, required } from '../command-context.js';
import { flagOn } from '../parse-args.js';
import { parseSeenFlags } from './seen-state.js';
import { parseTimeout } from './status.js';

/** What the CLI says once the write landed, as the plugin words it. */
const DONE: Record<RolloutOperation, (name: string) => string> = {
  promote: (n) => `rollout '${n}' promoted`,
  promoteFull: (n) => `rollout '${n}' fully promoted`,
  abort: (n) => `rollout '${n}' aborted`,
  retry: (n) => `rollout '${n}' retried`,
  pause: (n) => `rollout '${n}' paused`,
  resume: (n) => `rollout '${n}' resumed`,
  restart: (n) => `rollout '${n}' restarts`,
};

/**
 * `promote [--full]`, `abort`, `pause`, `resume`, `restart [-i 30s]`, `retry rollout` (spec §1.8):
 * the shared planner and executor write exactly what the plugin writes, bound to the state read
 * (or named with `--step-index`/`--pod-hash`). A refusal (e.g. promote of a fully promoted Rollout)
 * or a Rollout that moved on is an error with the reason, and nothing is written. A write the
 * plugin makes although it changes nothing (abort with no update in progress, retry of a Rollout
 * that is not aborted) is made, with a warning on stderr.
 */
export async function operateCommand(
  ctx: CommandContext,
  command: 'promote' | 'abort' | 'pause' | 'resume' | 'restart' | 'retry',
): Promise<number> {
  const name = required(ctx, command === 'retry' ? 2 : 1, 'rollout name');
  const operation: RolloutOperation =
    command === 'promote' && flagOn(ctx.args, 'full') ? 'promoteFull' : command;
  const inMs = command === 'restart' ? parseTimeout(ctx.args.flags.get('in')) : undefined;
  const expected = parseSeenFlags(ctx);
  const { kube } = ctx.cluster();
  const namespace = ctx.namespace();
  const outcome = await executeOperation(
    { kube, now: () => ctx.deps.now() },
    {
      namespace,
      name,
      operation,
      actor: ctx.deps.actor,
      via: `rollouts ${ctx.args.positionals.join(' ')}`,
      expected,
      ...(inMs !== undefined ? { restartInMs: inMs } : {}),
    },
  );
  if (outcome.outcome === 'not-found')
    throw new CliError(`rollouts.argoproj.io "${name}" not found`);
  if (outcome.outcome === 'refused' || outcome.outcome === 'stale')
    throw new CliError(outcome.reason);
  if (outcome.outcome === 'done' && outcome.warning) ctx.warn(outcome.warning);
  const suffix = operation === 'restart' && inMs ? ` in ${ctx.args.flags.get('in') ?? ''}` : '';
  ctx.out(`${DONE[operation](name)}${suffix}`);
  return EXIT.ok;
}

/** `retry rollout NAME` or `retry experiment NAME` (the latter writes `{"status": null}`, spec §1.8). */
export async function retryCommand(ctx: CommandContext): Promise<number> {
  const what = ctx.args.positionals[1];
  if (what === 'rollout' || what === 'rollouts' || what === 'ro')
    return operateCommand(ctx, 'retry');
  if (what !== 'experiment' && what !== 'experiments' && what !== 'exp')
    throw new UsageError(
      `retry: unknown resource ${JSON.stringify(what ?? '')}: use "retry rollout NAME" or "retry experiment NAME"`,
    );
  const name = required(ctx, 2, 'experiment name');
  try {
    await ctx.cluster().kube.mergePatch(experimentPath(ctx.namespace(), name), { status: null });
  } catch (e) {
    if (e instanceof KubeApiError && e.isNotFound)
      throw new CliError(`experiments.argoproj.io "${name}" not found`);
    throw e;
  }
  ctx.out(`experiment '${name}' retried`);
  return EXIT.ok;
}
