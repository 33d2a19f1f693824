import { type KubeClient, rolloutPath } from '../adapters/kube/index.js';
import type { CommentEvent } from '../core/gitops/comment-event.js';
import type { FreezeCommand } from '../core/gitops/commands.js';
import { isHeldStatus } from '../core/rollout/stop-switch-hold.js';
import type { Rollout } from '../domain/index.js';
import { isoTime } from '../domain/time.js';
import { applyStopSwitch, deleteStopSwitch } from './stop-switch-store.js';

/**
 * `/rollouts freeze [reason]` and `/rollouts unfreeze` from a writer's comment (issue 21 §5): a
 * namespace stop switch for each namespace the repository feeds, never wider, so write access
 * to one repository stops only what that repository deploys. Returns the reply line, and after
 * an unfreeze the Rollouts it held, to reconcile now rather than at their next recheck.
 */
export async function runFreezeCommand(
  kube: KubeClient,
  cmd: FreezeCommand,
  namespaces: readonly string[],
  comment: CommentEvent,
  now: number,
): Promise<{ line: string; wake: Ref[] }> {
  const where = namespaces.join(', ');
  if (cmd.freeze === 'unfreeze') {
    const cleared = await Promise.all(
      namespaces.map((namespace) => deleteStopSwitch(kube, { scope: 'namespace', namespace })),
    );
    if (!cleared.some(Boolean))
      return { line: `\`${cmd.text}\`: no stop switch was set for ${where}`, wake: [] };
    return {
      line: `\`${cmd.text}\`: stop switch cleared for ${where}; held Rollouts move on`,
      wake: await loadHeldRollouts(kube, namespaces),
    };
  }
  const reason = cmd.reason || `frozen from ${comment.url}`;
  for (const namespace of namespaces)
    await applyStopSwitch(kube, {
      scope: 'namespace',
      namespace,
      by: `github:${comment.user}`,
      reason,
      at: isoTime(now),
    });
  return {
    line: `\`${cmd.text}\`: stop switch set for ${where} — Rollouts there hold at their current step until \`/rollouts unfreeze\``,
    wake: [],
  };
}

type Ref = { namespace: string; name: string };

/** The Rollouts of `namespaces` whose status says a stop switch holds them. */
async function loadHeldRollouts(kube: KubeClient, namespaces: readonly string[]): Promise<Ref[]> {
  const lists = await Promise.all(namespaces.map((ns) => kube.list<Rollout>(rolloutPath(ns))));
  return lists
    .flatMap((l) => l.items)
    .filter((r) => isHeldStatus(r.status))
    .map((r) => ({ namespace: r.metadata.namespace ?? '', name: r.metadata.name }));
}
