import { DevGitHubError } from './errors.js';
import { normaliseMessage, type Signature } from './git/git-objects.js';
import type { FileEntry } from './git/git-store.js';
import type { Account, Repo } from './model.js';

export interface CommitChange {
  /** path → content; strings are written as UTF-8. */
  files?: Record<string, string | Uint8Array>;
  remove?: string[];
  message?: string;
  /** A login (`alice`) or `Name <email>`. Default: the token owner. */
  author?: string;
  /** Start a branch that does not exist yet from this branch or sha instead of from nothing. */
  from?: string;
}

/** A committer identity as GitHub writes it for a login: the noreply address. */
export function buildSignature(author: string | Account, at: number): Signature {
  if (typeof author !== 'string')
    return {
      name: author.login,
      email: `${author.id}+${author.login}@users.noreply.github.com`,
      at,
    };
  const m = /^(.*?)\s*<([^>]*)>$/.exec(author);
  if (m) return { name: m[1] ?? '', email: m[2] ?? '', at };
  return { name: author, email: `${author}@users.noreply.github.com`, at };
}

export function normalisePath(path: string): string {
  const parts = path
    .replace(/\\/g, '/')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.some((p) => p === '..'))
    throw new DevGitHubError(`not a file path inside the repository: ${JSON.stringify(path)}`);
  return parts.join('/');
}

/**
 * Writes a commit whose parent is `parent` (none for a root commit) with the change applied to the
 * parent's files. Returns the new commit's id; moving a branch is the caller's business.
 */
export function writeCommit(
  repo: Repo,
  parent: string | undefined,
  change: CommitChange,
  signature: Signature,
): string {
  const base = parent ? repo.git.commit(parent) : undefined;
  if (parent && !base)
    throw new DevGitHubError(`no commit ${parent} in ${repo.owner.login}/${repo.name}`);
  const files: Map<string, FileEntry> = base ? repo.git.listFiles(base.tree) : new Map();
  for (const path of change.remove ?? []) {
    const p = normalisePath(path);
    files.delete(p);
    // Removing a directory removes everything under it, like `git rm -r`.
    for (const key of [...files.keys()]) if (key.startsWith(`${p}/`)) files.delete(key);
  }
  for (const [path, content] of Object.entries(change.files ?? {})) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const p = normalisePath(path);
    // A file replaces a directory of the same name and the other way round, as in a checkout.
    for (const key of [...files.keys()])
      if (key.startsWith(`${p}/`) || p.startsWith(`${key}/`)) files.delete(key);
    files.set(p, { sha: repo.git.putBlob(data), mode: '100644' });
  }
  const tree = repo.git.writeFiles(files);
  return repo.git.putCommit({
    tree,
    parents: parent ? [parent] : [],
    author: signature,
    committer: signature,
    message: normaliseMessage(change.message ?? 'Update files'),
  });
}
