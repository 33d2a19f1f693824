import { isRecord } from '../../domain/json.js';
import { type GitOpsConfig, type GitSource, isUnderSource, sourcesFor } from './config.js';

/** The fields of a GitHub `push` webhook the sync reads. */
export interface PushEvent {
  repository: string;
  ref: string;
  before: string;
  after: string;
  created: boolean;
  deleted: boolean;
  forced: boolean;
  /** Files the pushed commits touched; undefined when the payload cannot say (new branch, force push, truncated list). */
  changedFiles?: string[];
  installationId?: number;
}

export type PushPlan =
  | { kind: 'ignored'; reason: string }
  | { kind: 'sync'; sources: GitSource[]; sha: string }
  /** The branch is gone: report on its last commit, change nothing (deleting never deletes). */
  | { kind: 'deleted'; sources: GitSource[]; sha: string };

const SHA = /^[0-9a-f]{40}$/;
/** GitHub lists at most this many commits in a push payload; a full list may be truncated. */
const MAX_LISTED_COMMITS = 2048;

export function parsePushEvent(payload: unknown): PushEvent | { error: string } {
  if (!isRecord(payload)) return { error: 'push payload must be an object' };
  const repo = isRecord(payload.repository) ? payload.repository.full_name : undefined;
  if (typeof repo !== 'string') return { error: 'push payload has no repository.full_name' };
  const { ref, before, after } = payload;
  if (typeof ref !== 'string') return { error: 'push payload has no ref' };
  if (
    typeof before !== 'string' ||
    !SHA.test(before) ||
    typeof after !== 'string' ||
    !SHA.test(after)
  )
    return { error: 'push payload has no before/after commit ids' };
  const commits = Array.isArray(payload.commits) ? payload.commits : undefined;
  const created = payload.created === true;
  const forced = payload.forced === true;
  const installation =
    isRecord(payload.installation) && typeof payload.installation.id === 'number'
      ? payload.installation.id
      : undefined;
  const files =
    commits && !created && !forced && commits.length > 0 && commits.length < MAX_LISTED_COMMITS
      ? changedFilesOf(commits)
      : undefined;
  return {
    repository: repo,
    ref,
    before,
    after,
    created,
    deleted: payload.deleted === true,
    forced,
    ...(files ? { changedFiles: files } : {}),
    ...(installation !== undefined ? { installationId: installation } : {}),
  };
}

function changedFilesOf(commits: unknown[]): string[] | undefined {
  const files = new Set<string>();
  for (const c of commits) {
    if (!isRecord(c)) return undefined;
    for (const k of ['added', 'removed', 'modified'] as const) {
      const list = c[k];
      if (!Array.isArray(list)) return undefined;
      for (const f of list) if (typeof f === 'string') files.add(f);
    }
  }
  return [...files];
}

/**
 * What a push asks for. It is only a hint (DESIGN §3): the sync reads the branch head itself, so a
 * redelivered or out-of-order push converges on the head instead of applying an older commit.
 */
export function planPush(config: GitOpsConfig, push: PushEvent): PushPlan {
  if (!push.ref.startsWith('refs/heads/'))
    return { kind: 'ignored', reason: `${push.ref} is not a branch` };
  const branch = push.ref.slice('refs/heads/'.length);
  const sources = sourcesFor(config, push.repository, branch);
  if (sources.length === 0)
    return { kind: 'ignored', reason: `no source watches ${push.repository} ${branch}` };
  if (push.deleted) return { kind: 'deleted', sources, sha: push.before };
  const files = push.changedFiles;
  const touched =
    files === undefined ? sources : sources.filter((s) => files.some((f) => isUnderSource(s, f)));
  if (touched.length === 0)
    return {
      kind: 'ignored',
      reason: `no change under ${sources.map((s) => `/${s.path}`).join(', ')}`,
    };
  return { kind: 'sync', sources: touched, sha: push.after };
}
