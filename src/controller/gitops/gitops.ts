import type { GitHubApi, GitHubClients, RepoRef } from '../../adapters/github/index.js';
import type { KubeClient } from '../../adapters/kube/index.js';
import type { CommentEvent } from '../../core/gitops/comment-event.js';
import type { ParsedCommand } from '../../core/gitops/commands.js';
import type { GitOpsConfig } from '../../core/gitops/config.js';
import type { PushEvent, PushPlan } from '../../core/gitops/push-event.js';
import type { Rollout } from '../../domain/index.js';
import type { Hint } from '../../domain/hint.js';
import type { FleetClusters } from '../fleet/fleet-clusters.js';
import type { FleetReleases } from '../fleet/fleet-releases.js';
import { reportProgress } from './report-progress.js';
import { runCommands } from './run-commands.js';
import { syncContext } from './status-contexts.js';
import { type SyncOutcome, syncSource } from './sync-source.js';

export interface GitOpsOptions {
  kube: KubeClient;
  config: GitOpsConfig;
  clients: Pick<GitHubClients, 'forRepo'>;
  now: () => number;
  /** Reconcile these Rollouts at once (a sync applied them, or a command changed them). */
  enqueueRollouts(refs: Array<{ namespace: string; name: string }>): Promise<void>;
  /** The fleet's clusters (issue 21): `/rollouts freeze` comments reach each its waves name. */
  fleet?: FleetClusters;
  /**
   * Fleet releases (issue 21): a source with waves starts a release instead of syncing here, and
   * the release (with any it superseded) is stepped at once.
   */
  releases?: {
    engine: FleetReleases;
    enqueue(refs: Array<{ namespace: string; name: string }>): Promise<void>;
  };
  log?: (line: string) => void;
}

export interface GitOps {
  config: GitOpsConfig;
  /** One sync of the named source (serialised per source by the runtime). */
  sync(sourceName: string): Promise<SyncOutcome>;
  /** After a Rollout reconcile: report to GitHub; when to try again if GitHub said wait. */
  report(rollout: Rollout): Promise<number | undefined>;
  runCommands(comment: CommentEvent, commands: readonly ParsedCommand[]): Promise<string[]>;
  /** A watched branch was deleted: say so on its last commit; the cluster is left as it is. */
  reportDeleted(
    plan: Extract<PushPlan, { kind: 'deleted' }>,
    installationId?: number,
  ): Promise<void>;
}

/**
 * What `POST /hooks/github` needs from the GitOps use cases. The hook's options extend it, so the
 * edge depends on the use cases and not the other way round.
 */
export interface GitHubHookWiring {
  /** The webhook secret, or two during a rotation. Never logged. */
  secret: string | readonly string[];
  config: GitOpsConfig;
  /**
   * A push that touches watched paths. It should only enqueue (a scheduler entry, a Durable Object
   * poke): the hook awaits it, and a failure answers 503 so GitHub's redelivery can bring it again.
   */
  onPush(plan: Exclude<PushPlan, { kind: 'ignored' }>, push: PushEvent): Promise<void>;
  /** `/rollouts …` commands of a new comment; run after the answer (GitHub waits at most 10 s). */
  onCommands(comment: CommentEvent, commands: ParsedCommand[]): Promise<void>;
  log?: (line: string) => void;
}

/**
 * The `POST /hooks/github` wiring both runtimes share: a push enqueues one `GitSource` hint per
 * touched source (the runtime serialises and retries syncs), a deleted branch is reported, and
 * comment commands run.
 */
export function gitHubHookFor(
  gitops: GitOps,
  secrets: readonly string[],
  enqueue: (hints: Hint[]) => Promise<void>,
  log?: (line: string) => void,
): GitHubHookWiring {
  return {
    secret: secrets,
    config: gitops.config,
    async onPush(plan, push) {
      if (plan.kind === 'deleted') await gitops.reportDeleted(plan, push.installationId);
      else
        await enqueue(
          plan.sources.map((s) => ({ kind: 'GitSource', namespace: s.namespace, name: s.name })),
        );
    },
    async onCommands(comment, commands) {
      await gitops.runCommands(comment, commands);
    },
    ...(log ? { log } : {}),
  };
}

/** The GitOps use cases (issue 7) wired to one Kubernetes client and GitHub connection; both runtimes use it. */
export function createGitOps(opts: GitOpsOptions): GitOps {
  const { kube, config, now } = opts;
  const github = (repo: RepoRef, installationId?: number): Promise<GitHubApi> =>
    opts.clients.forRepo(repo, installationId);
  const backoff = { until: 0 };
  const log = opts.log ?? (() => undefined);
  return {
    config,
    async sync(sourceName) {
      const source = config.sources.find((s) => s.name === sourceName);
      if (!source) return { outcome: 'gone', reason: `no source named ${sourceName}` };
      const releases = opts.releases;
      if (releases?.engine.handles(source)) {
        const started = await releases.engine.start(source);
        if (started.outcome === 'gone') return started;
        await releases.enqueue(
          [started.name, ...started.superseded].map((name) => ({
            namespace: source.namespace,
            name,
          })),
        );
        return { outcome: 'released', release: started.name };
      }
      const result = await syncSource({ kube, config, github, log }, source);
      if (result.outcome === 'synced' && result.updated.length > 0)
        await opts.enqueueRollouts(
          result.updated.map((name) => ({ namespace: source.namespace, name })),
        );
      return result;
    },
    async report(rollout) {
      return (await reportProgress({ kube, github, now, backoff, log }, rollout)).retryAt;
    },
    runCommands: (comment, commands) =>
      runCommands(
        {
          kube,
          config,
          github,
          now,
          onRollouts: opts.enqueueRollouts,
          log,
          ...(opts.fleet ? { fleet: opts.fleet } : {}),
        },
        comment,
        commands,
      ),
    async reportDeleted(plan, installationId) {
      for (const source of plan.sources) {
        const repo = { owner: source.owner, repo: source.repo };
        const api = await github(repo, installationId);
        const description = `branch ${source.branch} was deleted: nothing in the cluster was changed`;
        await api.createCommitStatus(repo, plan.sha, {
          state: 'failure',
          context: syncContext(config, source),
          description,
        });
        log(`gitops ${source.name}: ${description}`);
      }
    },
  };
}
