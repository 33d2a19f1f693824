import { KubeApiError, type KubeClient } from '../../adapters/kube/index.js';
import {
  applyStopSwitch,
  deleteStopSwitch,
  type StopScope,
} from '../../controller/stop-switch-store.js';
import { isoTime } from '../../domain/time.js';
import { CliError, describeKubeError, EXIT, UsageError } from '../cli-errors.js';
import type { CommandContext } from '../command-context.js';

/**
 * The namespace given with `--namespace-scope NS` or `-n NS`, if any. The context's namespace
 * never narrows a freeze: it is wide unless asked otherwise.
 */
function namespaceOf(ctx: CommandContext): string | undefined {
  if (ctx.args.positionals.length > 1)
    throw new UsageError(`${ctx.args.positionals[0] ?? 'freeze'} takes no arguments`);
  const scoped = ctx.args.flags.get('namespace-scope');
  const namespace = ctx.args.flags.get('namespace');
  if (scoped !== undefined && namespace !== undefined && scoped !== namespace)
    throw new UsageError('--namespace-scope and -n name different namespaces');
  const ns = scoped ?? namespace;
  if (ns === '') throw new UsageError('--namespace-scope needs a namespace');
  return ns;
}

/**
 * `--cluster a,b --cluster c`: the fleet's clusters to reach, each its kubeconfig context;
 * `--fleet`: every context of the kubeconfig (`FLEET=n npm start` writes one per cluster).
 */
function clustersOf(ctx: CommandContext): string[] {
  const given = ctx.args.repeated.get('cluster') ?? [];
  const names = [...new Set(given.flatMap((v) => v.split(',')).map((n) => n.trim()))];
  if (names.some((n) => n === '')) throw new UsageError('--cluster needs a cluster name');
  const fleet = ctx.args.flags.has('fleet');
  if (fleet && names.length > 0)
    throw new UsageError('--fleet reaches every context: leave out --cluster');
  if ((fleet || names.length > 0) && ctx.args.flags.has('context'))
    throw new UsageError('--cluster and --fleet name the contexts to reach: leave out --context');
  if (!fleet) return names;
  const kubeconfig = ctx.args.flags.get('kubeconfig');
  const all = ctx.deps.contexts(kubeconfig ? { kubeconfig } : {});
  if (all.length === 0) throw new UsageError('--fleet: the kubeconfig names no context');
  return all;
}

function scopeIn(cluster: string | undefined, namespace: string | undefined): StopScope {
  if (namespace !== undefined)
    return { scope: 'namespace', namespace, ...(cluster ? { cluster } : {}) };
  return cluster ? { scope: 'cluster', cluster } : { scope: 'fleet' };
}

function describeScope(scope: StopScope): string {
  if (scope.scope === 'fleet') return 'the fleet';
  if (scope.scope === 'cluster') return `cluster ${scope.cluster ?? ''}`;
  return `namespace ${scope.namespace ?? ''}${scope.cluster ? ` in cluster ${scope.cluster}` : ''}`;
}

/**
 * Runs `act` in each named cluster, printing one line per cluster, then fails naming those not
 * reached; the others keep what was written. Stop switch names follow from their scope, so the
 * same command again completes it.
 */
async function inEachCluster(
  ctx: CommandContext,
  clusters: readonly string[],
  act: (kube: KubeClient, cluster: string) => Promise<string>,
): Promise<number> {
  const missed: string[] = [];
  for (const cluster of clusters) {
    let server = `context ${cluster}`;
    try {
      const kubeconfig = ctx.args.flags.get('kubeconfig');
      const conn = ctx.deps.connect({ ...(kubeconfig ? { kubeconfig } : {}), context: cluster });
      server = conn.server;
      ctx.out(`${cluster}: ${await act(conn.kube, cluster)}`);
    } catch (e) {
      if (!(e instanceof Error)) throw e;
      const why = e instanceof KubeApiError ? describeKubeError(e, server) : e.message;
      ctx.deps.io.stderr(`${cluster}: not reached: ${why}\n`);
      missed.push(cluster);
    }
  }
  if (missed.length > 0)
    throw new CliError(
      `not reached: ${missed.join(', ')}; run the same command again to complete it`,
    );
  return EXIT.ok;
}

/**
 * `freeze [-n NS] [--cluster NAME…] [--reason TEXT]` (issue 21 §5): sets the stop switch,
 * recording who, why and when; every Rollout it covers holds at its step from its next
 * reconcile. Setting it again updates who and why. Without `--cluster`: in the cluster of the
 * context, for all of it (or NS); with it, a cluster switch (or one for NS) in each named cluster.
 */
export async function freezeCommand(ctx: CommandContext): Promise<number> {
  const namespace = namespaceOf(ctx);
  const clusters = clustersOf(ctx);
  const reason = ctx.args.flags.get('reason') ?? '';
  const set = async (kube: KubeClient, cluster?: string) => {
    const scope = scopeIn(cluster, namespace);
    await applyStopSwitch(kube, {
      ...scope,
      by: ctx.deps.actor,
      reason,
      at: isoTime(ctx.deps.now()),
    });
    return `stop switch set for ${describeScope(scope)}${reason ? `: ${reason}` : ''}`;
  };
  if (clusters.length > 0) return inEachCluster(ctx, clusters, set);
  ctx.out(await set(ctx.cluster().kube));
  return EXIT.ok;
}

/** `unfreeze [-n NS] [--cluster NAME…]`: clears the switch; held Rollouts move on at their next look. */
export async function unfreezeCommand(ctx: CommandContext): Promise<number> {
  const namespace = namespaceOf(ctx);
  const clusters = clustersOf(ctx);
  const clear = async (kube: KubeClient, cluster?: string) => {
    const scope = scopeIn(cluster, namespace);
    return (await deleteStopSwitch(kube, scope))
      ? `stop switch cleared for ${describeScope(scope)}`
      : `no stop switch was set for ${describeScope(scope)}`;
  };
  if (clusters.length > 0) return inEachCluster(ctx, clusters, clear);
  ctx.out(await clear(ctx.cluster().kube));
  return EXIT.ok;
}
