import type { GitStore } from './git/git-store.js';

/** The in-memory records behind the REST shapes. Times are epoch milliseconds. */

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read';
export type AccountType = 'User' | 'Organization' | 'Bot';

export interface Account {
  login: string;
  id: number;
  type: AccountType;
}

export interface Hook {
  id: number;
  url: string;
  secret?: string;
  events: string[];
  active: boolean;
  createdAt: number;
}

export const DEPLOYMENT_STATES = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

export interface DeploymentStatus {
  id: number;
  deploymentId: number;
  state: DeploymentState;
  description: string;
  environment: string;
  logUrl: string;
  environmentUrl: string;
  creator: Account;
  createdAt: number;
}

export interface Deployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  originalEnvironment: string;
  environment: string;
  description: string | null;
  transient: boolean;
  production: boolean;
  creator: Account;
  createdAt: number;
  updatedAt: number;
  /** Oldest first. */
  statuses: DeploymentStatus[];
}

export const COMMIT_STATES = ['error', 'failure', 'pending', 'success'] as const;
export type CommitState = (typeof COMMIT_STATES)[number];

export interface CommitStatus {
  id: number;
  sha: string;
  state: CommitState;
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: Account;
  createdAt: number;
}

/** Issues and pull requests share one number sequence, as on GitHub. */
export interface Issue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  user: Account;
  state: 'open' | 'closed';
  createdAt: number;
  updatedAt: number;
  pull?: { id: number; head: string; base: string };
}

export const REACTIONS = [
  '+1',
  '-1',
  'laugh',
  'confused',
  'heart',
  'hooray',
  'rocket',
  'eyes',
] as const;
export type ReactionContent = (typeof REACTIONS)[number];

export interface Reaction {
  id: number;
  content: ReactionContent;
  user: Account;
  createdAt: number;
}

export interface Comment {
  id: number;
  kind: 'issue' | 'commit';
  /** For issue comments. */
  issueNumber?: number;
  /** For commit comments. */
  commitId?: string;
  path?: string | null;
  position?: number | null;
  line?: number | null;
  body: string;
  user: Account;
  createdAt: number;
  updatedAt: number;
  reactions: Reaction[];
}

export interface Repo {
  id: number;
  name: string;
  owner: Account;
  private: boolean;
  defaultBranch: string;
  createdAt: number;
  updatedAt: number;
  pushedAt: number;
  git: GitStore;
  branches: Map<string, string>;
  /** login (lower case) → permission. */
  permissions: Map<string, Permission>;
  hooks: Hook[];
  deployments: Deployment[];
  statuses: CommitStatus[];
  issues: Map<number, Issue>;
  comments: Map<number, Comment>;
  /** Commits already pushed to some branch: a push payload's `distinct` is false for them. */
  pushed: Set<string>;
}

export function fullName(repo: Repo): string {
  return `${repo.owner.login}/${repo.name}`;
}
