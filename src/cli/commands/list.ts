import { loadRolloutSummaries } from '../../controller/load-rollout-info.js';
import { CliError, EXIT, UsageError } from '../cli-errors.js';
import { type CommandContext, outputFormat } from '../command-context.js';
import { flagOn } from '../parse-args.js';
import { renderRolloutList } from '../render/rollout-list.js';
import { renderStructured } from '../render/structured.js';

/** `list rollouts|ro [-A] [--name N] [-o json|yaml]` (spec §5). */
export async function listCommand(ctx: CommandContext): Promise<number> {
  const what = ctx.args.positionals[1];
  if (what === 'experiments' || what === 'experiment' || what === 'exp')
    throw new CliError('list experiments is not implemented yet');
  if (what !== 'rollouts' && what !== 'rollout' && what !== 'ro')
    throw new UsageError(
      `list: unknown resource ${JSON.stringify(what ?? '')}: use "list rollouts"`,
    );
  const all = flagOn(ctx.args, 'all-namespaces');
  const format = outputFormat(ctx);
  const name = ctx.args.flags.get('name');
  const namespace = all ? undefined : ctx.namespace();
  let rollouts = await loadRolloutSummaries(ctx.cluster().kube, namespace);
  if (name !== undefined) rollouts = rollouts.filter((r) => r.name === name);
  if (format) {
    ctx.out(renderStructured(rollouts, format));
    return EXIT.ok;
  }
  if (rollouts.length === 0) {
    ctx.deps.io.stderr(
      namespace ? `No resources found in ${namespace} namespace.\n` : 'No resources found.\n',
    );
    return EXIT.ok;
  }
  ctx.out(renderRolloutList(rollouts, all));
  return EXIT.ok;
}
