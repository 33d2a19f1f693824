import type { GitHubApi, RepoRef } from '../../adapters/github/index.js';
import { type KubeClient, rolloutPath } from '../../adapters/kube/index.js';
import type { CommentEvent } from '../../core/gitops/comment-event.js';
import { canOperate, type ParsedCommand } from '../../core/gitops/commands.js';
import { type GitOpsConfig, sourcesFor } from '../../core/gitops/config.js';
import { OPERATION_COMMANDS } from '../../core/rollout/operations/index.js';
import { executeOperation } from '../execute-operation.js';
import type { FleetClusters } from '../fleet/fleet-clusters.js';
import { runFreezeCommand } from '../stop-switch-command.js';

export interface CommandDeps {
  kube: KubeClient;
  config: GitOpsConfig;
  github(repo: RepoRef, installationId?: number): Promise<GitHubApi>;
  now: () => number;
  /** Rollouts an operation changed: reconcile them now. */
  onRollouts?(refs: Array<{ namespace: string; name: string }>): Promise<void>;
  log?: (line: string) => void;
  /** The fleet, on the controller that holds it: `/rollouts freeze` reaches its clusters too. */
  fleet?: FleetClusters;
}

/**
 * Runs the `/rollouts …` commands of one comment (issue 7: operations from GitHub) and answers in
 * one reply on the same pull request or commit. Only users with write access or more may operate;
 * a Rollout is found in the namespaces this repository feeds. Each command is an operation with the
 * id of the comment, so a redelivered webhook does not act twice, bound to the state the comment
 * names (`--step-index`, `--pod-hash`) or else to the one read first (issue 15); who did what is an
 * Event on the Rollout (`kubectl describe`).
 */
export async function runCommands(
  deps: CommandDeps,
  comment: CommentEvent,
  commands: readonly ParsedCommand[],
): Promise<string[]> {
  const [owner = '', name = ''] = comment.repository.split('/');
  const repo = { owner, repo: name };
  const sources = sourcesFor(deps.config, comment.repository);
  const namespaces = [...new Set(sources.map((s) => s.namespace))];
  if (namespaces.length === 0) return []; // not a repository we sync: not ours to answer
  const api = await deps.github(repo, comment.installationId);
  const role = await api.permission(repo, comment.user);
  const lines: string[] = [];
  const changed: Array<{ namespace: string; name: string }> = [];
  if (!canOperate(role)) {
    lines.push(
      `@${comment.user}: refused. Operating Rollouts needs write access to ${comment.repository}; your role is "${role}". Nothing was changed.`,
    );
  } else {
    for (const [i, cmd] of commands.entries()) {
      if ('error' in cmd) {
        lines.push(`\`${cmd.text}\`: ${cmd.error}`);
        continue;
      }
      if ('freeze' in cmd) {
        const { line, wake, unreached } = await runFreezeCommand(
          { kube: deps.kube, ...(deps.fleet ? { fleet: deps.fleet } : {}) },
          cmd,
          sources,
          comment,
          deps.now(),
        );
        for (const why of unreached) deps.log?.(`${cmd.text}: not reached: ${why}`);
        lines.push(line);
        changed.push(...wake);
        continue;
      }
      const target = await locate(deps.kube, cmd.target, namespaces);
      if ('problem' in target) {
        lines.push(`\`${cmd.text}\`: ${target.problem}`);
        continue;
      }
      const result = await executeOperation(
        { kube: deps.kube, now: deps.now },
        {
          ...target,
          operation: cmd.operation,
          actor: `github:${comment.user}`,
          via: `comment ${comment.url}`,
          id: `github-comment-${comment.commentId}-${i}`,
          ...(cmd.expected ? { expected: cmd.expected } : {}),
        },
      );
      const what = `\`${OPERATION_COMMANDS[cmd.operation]}\` ${target.namespace}/${target.name}`;
      if (result.outcome === 'done') {
        lines.push(`${what}: done — ${result.summary}`);
        changed.push(target);
      } else if (result.outcome === 'refused' || result.outcome === 'stale')
        lines.push(`${what}: refused — ${result.reason}`);
      else if (result.outcome === 'duplicate') lines.push(`${what}: already done for this comment`);
      else lines.push(`${what}: no such Rollout`);
    }
  }
  deps.log?.(`github commands by ${comment.user} on ${comment.repository}: ${lines.join(' | ')}`);
  if (changed.length > 0) await deps.onRollouts?.(changed);
  await api.comment(repo, comment.target, lines.map((l) => `> ${l}`).join('\n\n'));
  return lines;
}

/** `namespace/name`, or a name found in exactly one of the repository's namespaces. */
async function locate(
  kube: KubeClient,
  target: string,
  namespaces: string[],
): Promise<{ namespace: string; name: string } | { problem: string }> {
  const [a, b] = target.split('/');
  if (b !== undefined && a !== undefined) {
    return namespaces.includes(a)
      ? { namespace: a, name: b }
      : {
          problem: `namespace ${a} is not synced from this repository (it feeds ${namespaces.join(', ')})`,
        };
  }
  const name = target;
  const found: string[] = [];
  for (const ns of namespaces) {
    if (await kube.find(rolloutPath(ns, name))) found.push(ns);
  }
  if (found.length === 1 && found[0] !== undefined) return { namespace: found[0], name };
  if (found.length === 0) return { problem: `no Rollout ${name} in ${namespaces.join(', ')}` };
  return { problem: `Rollout ${name} exists in ${found.join(' and ')}: write namespace/${name}` };
}
