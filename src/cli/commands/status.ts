import { assessRolloutStatus } from '../../core/rollout-info/index.js';
import { findRollout } from '../../controller/load-rollout-info.js';
import { parseGoDurationMs } from '../../domain/go-duration.js';
import { CliError, EXIT, UsageError } from '../cli-errors.js';
import { type CommandContext, required } from '../command-context.js';

const POLL_MS = 1000;

/**
 * `status NAME [--watch=true] [-t/--timeout 5m]` (spec §5): prints the status (with its message)
 * each time it changes, as a client reads it (§1.9). Exits 0 once Healthy; fails with "The rollout
 * is in a degraded state with message: …" once Degraded; fails with "Rollout status watch exceeded
 * timeout" after the timeout. `--watch=false` prints once and exits (1 only when Degraded).
 */
export async function statusCommand(ctx: CommandContext): Promise<number> {
  const name = required(ctx, 1, 'rollout name');
  const watch = ctx.args.flags.get('watch') !== 'false';
  const timeoutMs = parseTimeout(ctx.args.flags.get('timeout'));
  const { kube } = ctx.cluster();
  const namespace = ctx.namespace();
  const start = ctx.deps.now();
  let last: string | undefined;
  for (;;) {
    const rollout = await findRollout(kube, namespace, name);
    if (!rollout) throw new CliError(`rollouts.argoproj.io "${name}" not found`);
    const { status, message } = assessRolloutStatus(rollout);
    const line = message ? `${status} - ${message}` : status;
    if (line !== last) ctx.out(line);
    last = line;
    if (status === 'Healthy') return EXIT.ok;
    if (status === 'Degraded')
      throw new CliError(`The rollout is in a degraded state with message: ${message}`);
    if (!watch) return EXIT.ok;
    if (timeoutMs > 0 && ctx.deps.now() - start >= timeoutMs)
      throw new CliError('Rollout status watch exceeded timeout');
    if (ctx.deps.signal?.aborted) return EXIT.error;
    await ctx.deps.sleep(POLL_MS);
    if (ctx.deps.signal?.aborted) return EXIT.error;
  }
}

/** A Go duration (`30s`, `5m`) or whole seconds; 0 means no timeout. */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined || value === '' || value === '0') return 0;
  const ms = /^[0-9]+$/.test(value) ? Number(value) * 1000 : parseGoDurationMs(value);
  if (ms === undefined || ms < 0)
    throw new UsageError(`invalid duration ${JSON.stringify(value)}: use e.g. 30s or 5m`);
  return ms;
}
