import { createPublicKey } from 'node:crypto';
import type { CommitChange } from './commit-files.js';
import { buildControlHandler } from './control-routes.js';
import { DevGitHubError } from './errors.js';
import { Inspector } from './inspect.js';
import type { Permission } from './model.js';
import { type CommentTarget, RepoActions } from './repo-actions.js';
import { nodeId, type Urls } from './render/urls.js';
import { ROUTES } from './routes/index.js';
import { type AppSettings, InstallationTokens } from './server/auth.js';
import { FaultInjector, type FaultSpec } from './server/faults.js';
import { DevGitHubServer, type RequestLogEntry } from './server/http-server.js';
import { type CreateRepoOptions, GitHubState } from './state.js';
import { type Delivery, type DeliveryRecord, WebhookDispatcher } from './webhooks/dispatcher.js';

export interface DevGitHubOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Accepted personal access tokens. Default `['dev-token']`. */
  tokens?: string[];
  /** The user those tokens belong to (admin on every repository). Default `dev-bot`. */
  tokenOwner?: string;
  /** A GitHub App whose JWTs `POST /app/installations/{id}/access_tokens` accepts. */
  app?: { id: number; publicKeyPem: string; installationId?: number; slug?: string };
  /** Epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Requests per hour per token. Default 5000. */
  rateLimit?: number;
  /** Serve the `/_dev/` control surface. Default: only when `host` is a loopback address. */
  control?: boolean;
  /** How long a hook may take to answer. Default 10 s, as GitHub. */
  hookTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface HookOptions {
  url: string;
  secret?: string;
  /** Default `['push']`; `'*'` subscribes to everything. */
  events?: string[];
  active?: boolean;
}

export interface DevGitHub {
  /** The API base URL, e.g. `http://127.0.0.1:PORT` (also served under `/api/v3`). */
  readonly url: string;
  /** Every API request, in order. */
  readonly requests: RequestLogEntry[];
  createRepo(name: string, opts?: CreateRepoOptions): { id: number; fullName: string };
  addUser(login: string): { login: string; id: number };
  setPermission(repo: string, login: string, permission: Permission): void;
  addHook(repo: string, hook: HookOptions): number;
  commit(repo: string, branch: string, change?: CommitChange): string;
  push(
    repo: string,
    branch: string,
    change?: CommitChange,
  ): Promise<{ sha: string; deliveries: Delivery[] }>;
  forcePush(repo: string, branch: string, sha: string): Promise<Delivery[]>;
  deleteBranch(repo: string, branch: string): Promise<Delivery[]>;
  openPullRequest(
    repo: string,
    pr: { head: string; base: string; title?: string; body?: string; user: string },
  ): Promise<number>;
  openIssue(repo: string, issue: { title: string; body?: string; user: string }): Promise<number>;
  comment(
    repo: string,
    target: CommentTarget,
    by: { user: string; body: string },
  ): Promise<{ id: number; deliveries: Delivery[] }>;
  redeliver(deliveryId: string): Promise<Delivery>;
  /** A raw event with the payload exactly as given (no `installation` added). */
  deliver(repo: string, event: string, payload: unknown): Promise<Delivery[]>;
  /** Recent deliveries, oldest first, API-caused ones included. */
  deliveries(): DeliveryRecord[];
  deployments(repo: string): Record<string, unknown>[];
  deploymentStatuses(repo: string, deploymentId: number): Record<string, unknown>[];
  commitStatuses(repo: string, ref: string): Record<string, unknown>[];
  combinedStatus(repo: string, ref: string): Record<string, unknown>;
  issueComments(repo: string, number: number): Record<string, unknown>[];
  commitComments(repo: string, ref: string): Record<string, unknown>[];
  reactions(repo: string, commentId: number): Record<string, unknown>[];
  failNext(fault: FaultSpec): void;
  /** Waits until webhooks caused by API calls have been delivered. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function appSettings(app: NonNullable<DevGitHubOptions['app']>, state: GitHubState): AppSettings {
  const slug = app.slug ?? 'devgithub-app';
  return {
    id: app.id,
    slug,
    publicKey: createPublicKey(app.publicKeyPem),
    installationId: app.installationId ?? 1,
    bot: state.ensureAccount(`${slug}[bot]`, 'Bot'),
  };
}

/** Starts the GitHub emulator on loopback: REST API, webhooks, and (on loopback) the `/_dev/` control surface. */
export async function startDevGitHub(opts: DevGitHubOptions = {}): Promise<DevGitHub> {
  const now = opts.now ?? Date.now;
  const host = opts.host ?? '127.0.0.1';
  const state = new GitHubState(now, opts.tokenOwner ?? 'dev-bot');
  const app = opts.app ? appSettings(opts.app, state) : undefined;
  const hooks = new WebhookDispatcher({
    now,
    ...(app
      ? { installation: { id: app.installationId, node_id: nodeId('MDIz', app.installationId) } }
      : {}),
    ...(opts.hookTimeoutMs ? { timeoutMs: opts.hookTimeoutMs } : {}),
  });
  const faults = new FaultInjector();
  // Links are rendered from the bound address, known once the server listens (closures run later).
  const urls = (): Urls => server.urls;
  const actions = new RepoActions(state, hooks, urls);
  const inspect = new Inspector(state, urls);
  const control = opts.control ?? isLoopback(host);
  const server = new DevGitHubServer({
    state,
    routes: ROUTES,
    tokens: new Set(opts.tokens ?? ['dev-token']),
    installations: new InstallationTokens(),
    faults,
    events: hooks,
    now,
    rateLimit: opts.rateLimit ?? 5000,
    ...(app ? { app } : {}),
    ...(control ? { control: buildControlHandler({ state, actions, inspect, hooks }) } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  const url = await server.listen(host, opts.port ?? 0);
  return {
    url,
    requests: server.requests,
    createRepo(name, o) {
      const repo = state.createRepo(name, o);
      return { id: repo.id, fullName: `${repo.owner.login}/${repo.name}` };
    },
    addUser(login) {
      const a = state.ensureAccount(login, 'User');
      return { login: a.login, id: a.id };
    },
    setPermission(repo, login, permission) {
      const r = state.repo(repo);
      state.ensureAccount(login, 'User');
      r.permissions.set(login.toLowerCase(), permission);
    },
    addHook(repo, hook) {
      const id = state.nextId('hook');
      state.repo(repo).hooks.push({
        id,
        url: hook.url,
        ...(hook.secret ? { secret: hook.secret } : {}),
        events: hook.events ?? ['push'],
        active: hook.active ?? true,
        createdAt: now(),
      });
      return id;
    },
    commit: (repo, branch, change = {}) => actions.commit(repo, branch, change),
    push: (repo, branch, change = {}) => actions.push(repo, branch, change),
    forcePush: (repo, branch, sha) => actions.forcePush(repo, branch, sha),
    deleteBranch: (repo, branch) => actions.deleteBranch(repo, branch),
    openPullRequest: async (repo, pr) => (await actions.openPullRequest(repo, pr)).number,
    openIssue: async (repo, issue) => (await actions.openIssue(repo, issue)).number,
    comment: (repo, target, by) => actions.comment(repo, target, by),
    async redeliver(id) {
      const d = await hooks.redeliver(id);
      if (!d) throw new DevGitHubError(`no delivery ${id}`);
      return d;
    },
    deliver: (repo, event, payload) =>
      hooks.deliver(state.repo(repo), event, payload, { asGiven: true }),
    deliveries: () => [...hooks.log],
    deployments: (repo) => inspect.deployments(repo),
    deploymentStatuses: (repo, id) => inspect.deploymentStatuses(repo, id),
    commitStatuses: (repo, ref) => inspect.commitStatuses(repo, ref),
    combinedStatus: (repo, ref) => inspect.combinedStatus(repo, ref),
    issueComments: (repo, n) => inspect.issueComments(repo, n),
    commitComments: (repo, ref) => inspect.commitComments(repo, ref),
    reactions: (repo, id) => inspect.reactions(repo, id),
    failNext: (fault) => faults.add(fault),
    settle: () => hooks.settle(),
    async close() {
      await hooks.settle();
      await server.close();
    },
  };
}
