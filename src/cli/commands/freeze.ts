import {
  applyStopSwitch,
  deleteStopSwitch,
  type StopScope,
} from '../../controller/stop-switch-store.js';
import { isoTime } from '../../domain/time.js';
import { EXIT, UsageError } from '../cli-errors.js';
import type { CommandContext } from '../command-context.js';

/**
 * What a freeze stops: the namespace given with `--namespace-scope NS` or `-n NS`, else the whole
 * fleet (this cluster, when there is no fleet). The context's namespace never narrows it: a
 * freeze is wide unless asked otherwise.
 */
function scopeOf(ctx: CommandContext): StopScope {
  if (ctx.args.positionals.length > 1)
    throw new UsageError(`${ctx.args.positionals[0] ?? 'freeze'} takes no arguments`);
  const scoped = ctx.args.flags.get('namespace-scope');
  const namespace = ctx.args.flags.get('namespace');
  if (scoped !== undefined && namespace !== undefined && scoped !== namespace)
    throw new UsageError('--namespace-scope and -n name different namespaces');
  const ns = scoped ?? namespace;
  if (ns === '') throw new UsageError('--namespace-scope needs a namespace');
  return ns === undefined ? { scope: 'fleet' } : { scope: 'namespace', namespace: ns };
}

function describeScope(scope: StopScope): string {
  return scope.scope === 'namespace' ? `namespace ${scope.namespace ?? ''}` : 'the fleet';
}

/**
 * `freeze [-n NS] [--reason TEXT]` (issue 21 §5): sets the stop switch, recording who, why and
 * when; every Rollout it covers holds at its step from its next reconcile. Setting it again
 * updates who and why.
 */
export async function freezeCommand(ctx: CommandContext): Promise<number> {
  const scope = scopeOf(ctx);
  const reason = ctx.args.flags.get('reason') ?? '';
  await applyStopSwitch(ctx.cluster().kube, {
    ...scope,
    by: ctx.deps.actor,
    reason,
    at: isoTime(ctx.deps.now()),
  });
  ctx.out(`stop switch set for ${describeScope(scope)}${reason ? `: ${reason}` : ''}`);
  return EXIT.ok;
}

/** `unfreeze [-n NS]`: clears the switch; held Rollouts move on at their next look. */
export async function unfreezeCommand(ctx: CommandContext): Promise<number> {
  const scope = scopeOf(ctx);
  const cleared = await deleteStopSwitch(ctx.cluster().kube, scope);
  ctx.out(
    cleared
      ? `stop switch cleared for ${describeScope(scope)}`
      : `no stop switch was set for ${describeScope(scope)}`,
  );
  return EXIT.ok;
}
