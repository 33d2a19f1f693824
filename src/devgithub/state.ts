import { DevGitHubError } from './errors.js';
import { isFullSha } from './git/git-objects.js';
import { GitStore } from './git/git-store.js';
import type { Account, AccountType, Permission, Repo } from './model.js';

export interface CreateRepoOptions {
  defaultBranch?: string;
  private?: boolean;
}

/** Id sequences start apart so an id never looks like another kind's by accident. */
const ID_BASE: Record<string, number> = {
  account: 1000,
  repo: 500_000,
  hook: 4_000_000,
  deployment: 7_000_000,
  deploymentStatus: 9_000_000,
  status: 12_000_000,
  issue: 15_000_000,
  pull: 17_000_000,
  comment: 20_000_000,
  reaction: 25_000_000,
};

/** All accounts and repositories. Owner and repository names are case-insensitive, as on GitHub. */
export class GitHubState {
  private readonly accounts = new Map<string, Account>();
  private readonly repos = new Map<string, Repo>();
  private readonly sequences = new Map<string, number>();

  constructor(
    readonly now: () => number,
    /** The user the personal access tokens belong to; admin on every repository created here. */
    readonly tokenOwner: string,
  ) {
    this.ensureAccount(tokenOwner, 'User');
  }

  nextId(kind: keyof typeof ID_BASE): number {
    const n = (this.sequences.get(kind) ?? ID_BASE[kind] ?? 1) + 1;
    this.sequences.set(kind, n);
    return n;
  }

  account(login: string): Account | undefined {
    return this.accounts.get(login.toLowerCase());
  }

  ensureAccount(login: string, type: AccountType = 'User'): Account {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(\[bot\])?$/.test(login))
      throw new DevGitHubError(`not a valid GitHub login: ${JSON.stringify(login)}`);
    const existing = this.account(login);
    if (existing) return existing;
    const created: Account = { login, id: this.nextId('account'), type };
    this.accounts.set(login.toLowerCase(), created);
    return created;
  }

  /** An unknown owner becomes an Organization; one added earlier with `addUser` stays a User. */
  createRepo(name: string, opts: CreateRepoOptions = {}): Repo {
    const [ownerLogin, repoName, ...rest] = name.split('/');
    if (!ownerLogin || !repoName || rest.length || !/^[A-Za-z0-9._-]+$/.test(repoName))
      throw new DevGitHubError(`a repository is named owner/name, got ${JSON.stringify(name)}`);
    if (this.findRepo(ownerLogin, repoName))
      throw new DevGitHubError(`repository ${name} already exists`);
    const owner = this.account(ownerLogin) ?? this.ensureAccount(ownerLogin, 'Organization');
    const at = this.now();
    const repo: Repo = {
      id: this.nextId('repo'),
      name: repoName,
      owner,
      private: opts.private ?? false,
      defaultBranch: opts.defaultBranch ?? 'main',
      createdAt: at,
      updatedAt: at,
      pushedAt: at,
      git: new GitStore(),
      branches: new Map(),
      permissions: new Map(),
      hooks: [],
      deployments: [],
      statuses: [],
      issues: new Map(),
      comments: new Map(),
      pushed: new Set(),
    };
    if (owner.login.toLowerCase() !== this.tokenOwner.toLowerCase())
      repo.permissions.set(this.tokenOwner.toLowerCase(), 'admin');
    this.repos.set(`${ownerLogin}/${repoName}`.toLowerCase(), repo);
    return repo;
  }

  findRepo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** For the in-process API: a missing repository is a mistake in the test. */
  repo(name: string): Repo {
    const [owner = '', repoName = ''] = name.split('/');
    const repo = this.findRepo(owner, repoName);
    if (!repo)
      throw new DevGitHubError(`no repository ${name} (create it with gh.createRepo first)`);
    return repo;
  }

  allRepos(): Repo[] {
    return [...this.repos.values()];
  }

  /** The repository owner is admin; others have what `setPermission` gave them. */
  permissionOf(repo: Repo, login: string): Permission | 'none' {
    if (repo.owner.login.toLowerCase() === login.toLowerCase()) return 'admin';
    return repo.permissions.get(login.toLowerCase()) ?? 'none';
  }

  authorAssociation(repo: Repo, login: string): 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'NONE' {
    if (repo.owner.login.toLowerCase() === login.toLowerCase()) return 'OWNER';
    if (!repo.permissions.has(login.toLowerCase())) return 'NONE';
    return repo.owner.type === 'Organization' ? 'MEMBER' : 'COLLABORATOR';
  }

  /** A commit from a full or abbreviated (7+) sha, a branch name, `heads/<b>` or `refs/heads/<b>`. */
  resolveCommit(repo: Repo, ref: string): string | undefined {
    const branch = repo.branches.get(ref.replace(/^refs\/heads\/|^heads\//, ''));
    if (branch) return branch;
    if (isFullSha(ref)) return repo.git.commit(ref) ? ref : undefined;
    if (/^[0-9a-f]{7,39}$/.test(ref)) {
      const matches = repo.git.commitsByPrefix(ref);
      return matches.length === 1 ? matches[0] : undefined;
    }
    return undefined;
  }
}
