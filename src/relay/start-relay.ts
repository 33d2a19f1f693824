import {
  type FetchLike,
  type KubeClient,
  namespacedCollectionPath,
} from '../adapters/kube/index.js';
import { planBackoff, RELAY_BACKOFF } from '../controller/dispatch/backoff-plan.js';
import { Outbox } from './outbox.js';
import { RelayStats } from './relay-stats.js';
import { runWatchLoop } from './watch-loop.js';

export interface RelayOptions {
  kube: KubeClient;
  /** The hook URL, e.g. http://127.0.0.1:8080/hooks/kube. */
  target: string;
  secret: string;
  /** Watch these namespaces one by one, or everything (default). */
  namespaces?: string[] | 'all';
  /** Cluster-wide collection paths, e.g. `/apis/argoproj.io/v1alpha1/rollouts`. */
  resources: string[];
  /** How long events gather into one delivery. Default 50 ms. */
  batchMs?: number;
  /** Most events per delivery. Default 500. */
  maxBatch?: number;
  fetch?: FetchLike;
  /** Backoff for failed deliveries and broken watches. Default 200 ms doubling to 10 s. */
  retry?: { minMs?: number; maxMs?: number };
  /** Server-side watch timeout; the relay reconnects from the last resourceVersion. Default 300. */
  watchTimeoutSeconds?: number;
  /** Epoch milliseconds, for the deliveries' timestamps. Default `Date.now`. */
  now?: () => number;
  log?: (line: string) => void;
}

export interface Relay {
  /** Stops watching, then makes one last attempt to deliver what is still queued. */
  stop(): Promise<void>;
  readonly stats: RelayStats;
}

/**
 * The Rollout's own kinds and what it owns or routes through: what the hook turns into hints.
 * Not Pods: a ReplicaSet's status already says when its pods are ready or gone, and at 10,000
 * Rollouts a Pod watch tripled what the relay knows and woke a reconcile (after a ReplicaSet read
 * to find the owner) for every pod transition. The hook still turns a relayed Pod into a hint.
 */
export const DEFAULT_RESOURCES = [
  '/apis/argoproj.io/v1alpha1/rollouts',
  '/apis/argoproj.io/v1alpha1/analysisruns',
  '/apis/argoproj.io/v1alpha1/experiments',
  '/apis/apps/v1/replicasets',
  '/apis/apps/v1/deployments',
  '/api/v1/services',
  '/apis/batch/v1/jobs',
];

/**
 * The watch relay (DESIGN §1): one watch loop per collection (and namespace) feeding one outbox
 * that signs and posts `POST /hooks/kube` deliveries and keeps every event until the receiver
 * has taken it. What the receiver does with them: `buildHints`, then `executeHint`.
 */
export function startRelay(opts: RelayOptions): Relay {
  const log = opts.log ?? (() => undefined);
  const policy = {
    baseDelayMs: opts.retry?.minMs ?? RELAY_BACKOFF.baseDelayMs,
    maxDelayMs: opts.retry?.maxMs ?? RELAY_BACKOFF.maxDelayMs,
  };
  const backoff = (failures: number) => planBackoff(failures, Math.random(), policy);
  const stopping = new AbortController();
  const stats = new RelayStats();
  const outbox = new Outbox({
    target: opts.target,
    secret: opts.secret,
    batchMs: opts.batchMs ?? 50,
    maxBatch: opts.maxBatch ?? 500,
    fetch: opts.fetch ?? ((url, init) => fetch(url, init)),
    now: opts.now ?? Date.now,
    backoff,
    log,
    stats,
  });
  const namespaces = opts.namespaces ?? 'all';
  const paths =
    namespaces === 'all'
      ? opts.resources
      : opts.resources.flatMap((r) => namespaces.map((ns) => namespacedCollectionPath(r, ns)));
  const loops = paths.map((path) =>
    runWatchLoop({
      kube: opts.kube,
      path,
      timeoutSeconds: opts.watchTimeoutSeconds ?? 300,
      emit: (e) => outbox.add(e),
      backoff,
      log,
      signal: stopping.signal,
      stats,
    }),
  );
  return {
    stats,
    async stop() {
      stopping.abort();
      await Promise.allSettled(loops);
      await outbox.close();
    },
  };
}
