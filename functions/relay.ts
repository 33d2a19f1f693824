/**
 * The watch relay (DESIGN §1): runs next to the Kubernetes API (in the cluster, or beside the
 * devcluster), turns watch events into signed `POST /hooks/kube` deliveries, and keeps every event
 * until the receiver has taken it. Run as a process: RELAY_TARGET, RELAY_SECRET, optional
 * RELAY_NAMESPACES (comma-separated; default all) and KUBECONFIG (default: in-cluster or ~/.kube).
 */
import {
  computeBackoff,
  KubeApiError,
  KubeClient,
  namespacedCollectionPath,
  type FetchLike,
  type WatchEventType,
} from '../src/adapters/kube/index.js';
import { ANNOTATIONS } from '../src/domain/keys.js';
import { signDelivery } from '../src/http/hooks/signature.js';
import { connectWithKubeconfig, type KubeConnection } from './node-kube.js';
import { RelayStats, serveRelayStats } from './relay-stats.js';

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

/** What the relay sends of each object: its identity and ownership, not its spec or status (the handler re-reads). */
interface RelayedObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    ownerReferences?: unknown[];
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}
interface RelayEvent {
  type: WatchEventType;
  object: RelayedObject;
}

/** The Rollout's own kinds and what it owns or routes through: what the hook turns into hints. */
export const DEFAULT_RESOURCES = [
  '/apis/argoproj.io/v1alpha1/rollouts',
  '/apis/argoproj.io/v1alpha1/analysisruns',
  '/apis/argoproj.io/v1alpha1/experiments',
  '/apis/apps/v1/replicasets',
  '/apis/apps/v1/deployments',
  '/api/v1/services',
  '/api/v1/pods',
  '/apis/batch/v1/jobs',
];

export function startRelay(opts: RelayOptions): Relay {
  const log = opts.log ?? (() => undefined);
  const { minMs = 200, maxMs = 10_000 } = opts.retry ?? {};
  // The kube client's backoff (jittered, doubling), so the relay and the client cannot drift apart.
  const backoff = (n: number) =>
    computeBackoff(n, { baseDelayMs: minMs, maxDelayMs: maxMs }, Math.random);
  const stopping = new AbortController();
  const stats = new RelayStats();
  const outbox = new Outbox(opts, log, backoff, stats);
  const paths =
    opts.namespaces === undefined || opts.namespaces === 'all'
      ? opts.resources
      : opts.resources.flatMap((r) =>
          (opts.namespaces as string[]).map((ns) => namespacedCollectionPath(r, ns)),
        );
  const loops = paths.map((path) =>
    relayCollection(
      opts.kube,
      path,
      opts.watchTimeoutSeconds ?? 300,
      (e) => outbox.add(e),
      backoff,
      log,
      stopping.signal,
      stats,
    ),
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

/**
 * List, then watch from the list's resourceVersion, forever: a 410 lists again (reporting objects
 * that vanished meanwhile as DELETED, as an informer's resync does); errors reconnect with backoff.
 * The backoff counts failures in a row: a watch that was up for a while and then broke starts
 * again from the shortest wait, so a long-lived relay under sporadic faults re-watches promptly
 * (changes made meanwhile arrive anyway: the watch resumes from the last resourceVersion).
 */
async function relayCollection(
  kube: KubeClient,
  path: string,
  timeoutSeconds: number,
  emit: (e: RelayEvent) => void,
  backoff: (n: number) => number,
  log: (line: string) => void,
  signal: AbortSignal,
  stats: RelayStats,
): Promise<void> {
  const known = new Map<string, RelayedObject>();
  let head: { kind?: string; apiVersion?: string } = {};
  let rv: string | undefined;
  let failures = 0;
  const see = (type: WatchEventType, raw: RelayedObject) => {
    const object = trimObject(raw, head);
    const key = keyOf(object);
    if (type === 'DELETED') known.delete(key);
    else known.set(key, object);
    stats.eventsSeen++;
    emit({ type, object });
    return key;
  };
  while (!signal.aborted) {
    const started = Date.now();
    try {
      if (rv === undefined) {
        const list = await kube.list<RelayedObject>(path, { limit: 500 });
        head = {
          ...(list.kind ? { kind: list.kind.replace(/List$/, '') } : {}),
          ...(list.apiVersion ? { apiVersion: list.apiVersion } : {}),
        };
        const previous = new Map(known);
        for (const item of list.items)
          previous.delete(see(previous.has(keyOf(item)) ? 'MODIFIED' : 'ADDED', item));
        for (const gone of previous.values()) see('DELETED', gone);
        rv = list.resourceVersion;
      }
      const result = await kube.watch<RelayedObject>(
        path,
        { resourceVersion: rv, timeoutSeconds },
        (e) => {
          see(e.type, e.object);
          rv = e.object.metadata.resourceVersion ?? rv;
        },
        signal,
      );
      if (result.expired) {
        stats.relists++;
        log(`relay: ${path}: resourceVersion ${rv} expired; listing again`);
      }
      rv = result.expired ? undefined : result.resourceVersion || rv;
      // A server that keeps closing watches at once must not turn this into a busy loop.
      failures = Date.now() - started < 1000 && !result.expired ? failures + 1 : 0;
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof KubeApiError && e.isGone) rv = undefined;
      stats.watchErrors++;
      log(`relay: ${path}: ${e instanceof Error ? e.message : String(e)}`);
      failures = Date.now() - started >= 1000 ? 1 : failures + 1;
    }
    if (failures > 0) await sleep(backoff(failures - 1), signal);
  }
}

/**
 * Events waiting for delivery, deduplicated by uid and type (a later MODIFIED replaces an earlier
 * one), sent in batches one delivery at a time. A 5xx, 408, 429 or network failure puts the batch
 * back in front; other 4xx answers (a wrong secret, a rejected shape) are logged and dropped, since
 * resending cannot fix them and the receiver's resync tick covers the gap.
 */
class Outbox {
  private queue = new Map<string, RelayEvent>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<void> | undefined;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly opts: RelayOptions,
    private readonly log: (line: string) => void,
    private readonly backoff: (n: number) => number,
    private readonly stats: RelayStats,
  ) {}

  add(e: RelayEvent): void {
    const key = `${keyOf(e.object)}:${e.type}`;
    this.queue.delete(key);
    this.queue.set(key, e);
    this.stats.queueDepth = this.queue.size;
    this.schedule(this.opts.batchMs ?? 50);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.inflight;
    let outcome: 'sent' | 'retry' | 'dropped' = 'sent';
    while (this.queue.size > 0 && outcome !== 'retry') outcome = await this.deliver();
    if (this.queue.size > 0) this.log(`relay: stopped with ${this.queue.size} events undelivered`);
  }

  private schedule(ms: number): void {
    if (this.timer || this.inflight || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inflight = this.deliver().then((outcome) => {
        this.inflight = undefined;
        this.failures = outcome === 'retry' ? this.failures + 1 : 0;
        if (this.queue.size > 0)
          this.schedule(
            outcome === 'retry' ? this.backoff(this.failures - 1) : (this.opts.batchMs ?? 50),
          );
      });
    }, ms);
  }

  private async deliver(): Promise<'sent' | 'retry' | 'dropped'> {
    const batch = [...this.queue].slice(0, this.opts.maxBatch ?? 500);
    for (const [key] of batch) this.queue.delete(key);
    const outcome = await this.post(batch.map(([, e]) => e));
    if (outcome === 'retry') {
      // Back in front, unless a newer copy of the same event arrived meanwhile.
      const newer = this.queue;
      this.queue = new Map(batch.filter(([key]) => !newer.has(key)));
      for (const [key, e] of newer) this.queue.set(key, e);
    }
    this.stats.queueDepth = this.queue.size;
    if (outcome === 'sent') {
      this.stats.eventsDelivered += batch.length;
      this.stats.lastDeliveryAt = Date.now();
    } else this.stats.deliveriesFailed++;
    return outcome;
  }

  private async post(events: RelayEvent[]): Promise<'sent' | 'retry' | 'dropped'> {
    const body = JSON.stringify({ events });
    const timestamp = Math.floor((this.opts.now ?? Date.now)() / 1000);
    try {
      const signed = await signDelivery(this.opts.secret, body, {
        timestamp,
        deliveryId: crypto.randomUUID(),
      });
      const res = await (this.opts.fetch ?? fetch)(this.opts.target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signed },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.body?.cancel();
      if (res.ok || res.status === 409) return 'sent';
      const retry = res.status >= 500 || res.status === 408 || res.status === 429;
      this.log(
        `relay: delivery of ${events.length} events answered ${res.status}${retry ? '; will retry' : '; dropped'}`,
      );
      return retry ? 'retry' : 'dropped';
    } catch (e) {
      this.log(
        `relay: delivery of ${events.length} events failed (${e instanceof Error ? e.message : String(e)}); will retry`,
      );
      return 'retry';
    }
  }
}

/** uid when there is one: a deleted and recreated object is another object. */
function keyOf(o: RelayedObject): string {
  return o.metadata.uid ?? `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

/** Identity and ownership only; list items lack kind and apiVersion, so the list's fill them in. */
function trimObject(o: RelayedObject, head: { kind?: string; apiVersion?: string }): RelayedObject {
  const { name, namespace, uid, resourceVersion, ownerReferences, labels, annotations } =
    o.metadata;
  const { [ANNOTATIONS.lastApplied]: _applied, ...kept } = annotations ?? {};
  const metadata = {
    name,
    namespace,
    uid,
    resourceVersion,
    ownerReferences,
    labels,
    ...(annotations ? { annotations: kept } : {}),
  };
  return { apiVersion: o.apiVersion ?? head.apiVersion, kind: o.kind ?? head.kind, metadata };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** A KubeClient over a client-node connection (kubeconfig, in-cluster or exec credentials). */
export function kubeClientFor(conn: KubeConnection): KubeClient {
  return new KubeClient({
    server: conn.server,
    fetch: (url, init) => conn.fetch(url.slice(conn.server.length), init),
  });
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const env = (name: string) => process.env[name]?.trim() || undefined;
  const missing = ['RELAY_TARGET', 'RELAY_SECRET'].filter((n) => !env(n));
  if (missing.length > 0) {
    console.error(`relay: set ${missing.join(' and ')}`);
    process.exit(1);
  }
  const relay = startRelay({
    kube: kubeClientFor(connectWithKubeconfig(env('KUBECONFIG'))),
    target: env('RELAY_TARGET') ?? '',
    secret: env('RELAY_SECRET') ?? '',
    namespaces:
      env('RELAY_NAMESPACES')
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean) ?? 'all',
    resources: DEFAULT_RESOURCES,
    log: (line) => console.error(line),
  });
  const port = Number(env('RELAY_PORT') ?? 8081);
  serveRelayStats(relay.stats, port).then(
    () => console.error(`relay: /healthz and /metrics on :${port}`),
    (e: unknown) =>
      console.error(`relay: cannot serve /metrics on :${port}: ${(e as Error).message}`),
  );
  const stop = () => void relay.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
