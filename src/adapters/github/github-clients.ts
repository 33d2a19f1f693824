import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { type GitHubApi, octokitApi, type RepoRef } from './github-client.js';
import { GitHubError, toGitHubError } from './github-error.js';

/** A personal/fine-grained token, or a GitHub App (JWT → installation tokens, refreshed by `@octokit/auth-app`). */
export type GitHubAuth =
  | { kind: 'token'; token: string }
  | { kind: 'app'; appId: string; privateKey: string; installationId?: number };

export interface GitHubConnection {
  /** `https://api.github.com`, a GitHub Enterprise `https://host/api/v3`, or a local emulator. */
  baseUrl: string;
  auth: GitHubAuth;
}

const USER_AGENT = 'serverless-rollouts';
const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

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
      this.single ??= octokitApi({
        octokit: new Octokit({
          auth: auth.token,
          baseUrl: this.conn.baseUrl,
          userAgent: USER_AGENT,
          log: silent,
        }),
        now: this.now,
      });
      return this.single;
    }
    const key = `${r.owner}/${r.repo}`.toLowerCase();
    const id =
      installationId ??
      auth.installationId ??
      this.installationOf.get(key) ??
      (await this.lookupInstallation(r));
    this.installationOf.set(key, id);
    let api = this.byInstallation.get(id);
    if (!api) {
      const octokit = new Octokit({
        authStrategy: createAppAuth,
        auth: { appId: auth.appId, privateKey: auth.privateKey, installationId: id },
        baseUrl: this.conn.baseUrl,
        userAgent: USER_AGENT,
        log: silent,
      });
      await this.mintInstallationToken(octokit, id);
      api = octokitApi({ octokit, now: this.now });
      this.byInstallation.set(id, api);
    }
    return api;
  }

  /**
   * Mints the installation token up front (auth-app caches it for the calls that follow), so that
   * a wrong key or installation is reported as what it is: otherwise its 404 would read as a
   * missing branch and a key that cannot sign as GitHub not answering.
   */
  private async mintInstallationToken(octokit: Octokit, installationId: number): Promise<void> {
    try {
      await octokit.auth({ type: 'installation' });
    } catch (e) {
      if (isLocalSigningFailure(e)) throw keyCannotSign(e);
      const err = toGitHubError(e, `POST installation ${installationId} access token`, this.now());
      if (err.retryable) throw err;
      const hint =
        err.status === 404
          ? `installation ${installationId} does not belong to App ${this.appId()} (check GITHUB_APP_INSTALLATION_ID, or leave it unset to look it up)`
          : "GitHub refused the App's JSON web token (check GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY)";
      throw new GitHubError({
        status: err.status,
        message: `${err.message}: ${hint}`,
        retryable: false,
        cause: e,
      });
    }
  }

  private appId(): string {
    return this.conn.auth.kind === 'app' ? this.conn.auth.appId : '';
  }

  private async lookupInstallation(r: RepoRef): Promise<number> {
    const auth = this.conn.auth;
    if (auth.kind !== 'app') throw new Error('not an App');
    this.appClient ??= new Octokit({
      authStrategy: createAppAuth,
      auth: { appId: auth.appId, privateKey: auth.privateKey },
      baseUrl: this.conn.baseUrl,
      userAgent: USER_AGENT,
      log: silent,
    });
    try {
      const { data } = await this.appClient.rest.apps.getRepoInstallation({
        owner: r.owner,
        repo: r.repo,
      });
      return data.id;
    } catch (e) {
      if (isLocalSigningFailure(e)) throw keyCannotSign(e);
      const err = toGitHubError(e, `GET installation of ${r.owner}/${r.repo}`, this.now());
      if (err.status === 401)
        throw new GitHubError({
          status: 401,
          message: `${err.message}: GitHub refused the App's JSON web token (check GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY)`,
          retryable: false,
          cause: e,
        });
      if (err.status === 404)
        throw new GitHubError({
          status: 404,
          message: `${err.message}: App ${this.appId()} is not installed on ${r.owner}/${r.repo}`,
          retryable: false,
          cause: e,
        });
      throw err;
    }
  }
}

/**
 * Octokit turns every HTTP answer and every network failure into a RequestError with a status;
 * an error without one was thrown before any request, by signing the JWT with the key.
 */
function isLocalSigningFailure(e: unknown): boolean {
  return typeof (e as { status?: unknown } | null)?.status !== 'number';
}

/** A key that cannot sign is a configuration problem, never an outage to retry. */
function keyCannotSign(e: unknown): GitHubError {
  return new GitHubError({
    status: 0,
    message: `GITHUB_APP_PRIVATE_KEY cannot sign the App's JSON web token: ${(e as Error).message ?? String(e)}`,
    retryable: false,
    cause: e,
  });
}
