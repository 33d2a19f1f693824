import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { type GitHubApi, octokitApi, type RepoRef } from './github-client.js';
import { toGitHubError } from './github-error.js';

/** A personal/fine-grained token, or a GitHub App (JWT → installation tokens, refreshed by `@octokit/auth-app`). */
export type GitHubAuth = { kind: 'token'; token: string } | { kind: 'app'; appId: string; privateKey: string; installationId?: number };

export interface GitHubConnection {
  /** `https://api.github.com`, a GitHub Enterprise `https://host/api/v3`, or a local emulator. */
  baseUrl: string;
  auth: GitHubAuth;
}

const USER_AGENT = 'serverless-rollouts';
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The `GitHubApi` for each repository. A token serves every repository; an App needs the
 * repository's installation (from the webhook, the configuration, or looked up once and cached).
 */
export class GitHubClients {
  private readonly byInstallation = new Map<number, GitHubApi>();
  private readonly installationOf = new Map<string, number>();
  private single?: GitHubApi;
  private appClient?: Octokit;

  constructor(
    private readonly conn: GitHubConnection,
    private readonly now: () => number = Date.now,
  ) {}

  async forRepo(r: RepoRef, installationId?: number): Promise<GitHubApi> {
    const auth = this.conn.auth;
    if (auth.kind === 'token') {
      this.single ??= octokitApi({ octokit: new Octokit({ auth: auth.token, baseUrl: this.conn.baseUrl, userAgent: USER_AGENT, log: silent }), now: this.now });
      return this.single;
    }
    const key = `${r.owner}/${r.repo}`.toLowerCase();
    const id = installationId ?? auth.installationId ?? this.installationOf.get(key) ?? (await this.lookupInstallation(r));
    this.installationOf.set(key, id);
    let api = this.byInstallation.get(id);
    if (!api) {
      const octokit = new Octokit({ authStrategy: createAppAuth, auth: { appId: auth.appId, privateKey: auth.privateKey, installationId: id }, baseUrl: this.conn.baseUrl, userAgent: USER_AGENT, log: silent });
      api = octokitApi({ octokit, now: this.now });
      this.byInstallation.set(id, api);
    }
    return api;
  }

  private async lookupInstallation(r: RepoRef): Promise<number> {
    const auth = this.conn.auth;
    if (auth.kind !== 'app') throw new Error('not an App');
    this.appClient ??= new Octokit({ authStrategy: createAppAuth, auth: { appId: auth.appId, privateKey: auth.privateKey }, baseUrl: this.conn.baseUrl, userAgent: USER_AGENT, log: silent });
    try {
      const { data } = await this.appClient.rest.apps.getRepoInstallation({ owner: r.owner, repo: r.repo });
      return data.id;
    } catch (e) {
      throw toGitHubError(e, `GET installation of ${r.owner}/${r.repo} (is the App installed there?)`, this.now());
    }
  }
}
