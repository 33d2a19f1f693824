import { parse as parseYaml } from 'yaml';
import {
  analysisRunPath,
  configMapPath,
  listOrEmpty,
  resourcePath,
  rolloutPath,
} from '../../adapters/kube/index.js';
import { parseNotificationConfig } from '../../core/notifications/index.js';
import type { NotificationConfig } from '../../core/notifications/types.js';
import type { AnalysisRun } from '../../domain/analysis.js';
import { isRecord } from '../../domain/json.js';
import { NOTIFICATION_CONFIG } from '../../domain/notification.js';
import type { Rollout } from '../../domain/rollout.js';
import { CliError } from '../cli-errors.js';
import type { CommandContext } from '../command-context.js';

const secretPath = resourcePath('', 'v1', 'secrets');

/**
 * The notification configuration the controller would use: `--config-map FILE` and `--secret FILE`
 * (`:empty` for none) as upstream's plugin reads them, else the objects in the controller's
 * namespace (NOTIFICATIONS_NAMESPACE, `argo-rollouts` by default). Its problems go to stderr.
 */
export async function loadCliNotificationConfig(ctx: CommandContext): Promise<NotificationConfig> {
  const cmFile = ctx.args.flags.get('config-map');
  const secretFile = ctx.args.flags.get('secret');
  const namespace = ctx.deps.env.NOTIFICATIONS_NAMESPACE?.trim() || NOTIFICATION_CONFIG.namespace;
  const configMap = cmFile
    ? await readObjectFile(ctx, cmFile, 'ConfigMap')
    : await ctx.cluster().kube.find(configMapPath(namespace, NOTIFICATION_CONFIG.configMap));
  const secret =
    secretFile === ':empty'
      ? undefined
      : secretFile
        ? await readObjectFile(ctx, secretFile, 'Secret')
        : await ctx.cluster().kube.find(secretPath(namespace, NOTIFICATION_CONFIG.secret));
  const config = parseNotificationConfig({
    ...(configMap ? { configMap } : {}),
    ...(secret ? { secret } : {}),
    now: ctx.deps.now(),
  });
  for (const p of config.problems) ctx.warn(`${p.key}: ${p.message}`);
  return config;
}

async function readObjectFile(ctx: CommandContext, path: string, kind: string): Promise<unknown> {
  let value: unknown;
  try {
    value = parseYaml(await ctx.deps.readFile(path)) as unknown;
  } catch (e) {
    throw new CliError(`${path}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (!isRecord(value) || value.kind !== kind) throw new CliError(`${path}: expected a ${kind}`);
  return value;
}

export interface CliRolloutSubject {
  rollout: Rollout;
  analysisRuns: AnalysisRun[];
}

/**
 * `RESOURCE_NAME` as upstream's plugin takes it: a file holding the Rollout when one can be read
 * at that path, else the Rollout of that name in the namespace, with its AnalysisRuns.
 */
export async function loadCliRollout(ctx: CommandContext, ref: string): Promise<CliRolloutSubject> {
  const text = await ctx.deps.readFile(ref).catch(() => undefined);
  if (text !== undefined) {
    const value = parseYaml(text) as unknown;
    if (!isRecord(value) || value.kind !== 'Rollout' || !isRecord(value.metadata))
      throw new CliError(`${ref}: expected a Rollout`);
    return { rollout: value as unknown as Rollout, analysisRuns: [] };
  }
  const namespace = ctx.namespace();
  const { kube } = ctx.cluster();
  const rollout = await kube.find<Rollout>(rolloutPath(namespace, ref));
  if (!rollout) throw new CliError(`rollouts.argoproj.io "${ref}" not found`);
  const analysisRuns = await listOrEmpty<AnalysisRun>(kube, analysisRunPath(namespace));
  return { rollout, analysisRuns };
}
