import type { FileChange } from '../git/git-diff.js';
import { displayMessage, type Signature } from '../git/git-objects.js';
import type { WalkedEntry } from '../git/git-store.js';
import { type Account, fullName, type Repo } from '../model.js';
import { buildUser } from './accounts.js';
import { isoTime } from '../../domain/time.js';
import { nodeId, type Urls } from './urls.js';

/** Finds the account behind a commit signature (its noreply address), as GitHub links authors. */
export type FindAccount = (s: Signature) => Account | undefined;

export function loginFromEmail(email: string): string | undefined {
  return /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email)?.[1];
}

/** Ruby's `Base64.encode64`, which GitHub's blob and contents APIs use: a newline after every 60 characters. */
export function encodeBase64Lines(data: Buffer): string {
  const flat = data.toString('base64');
  let out = '';
  for (let i = 0; i < flat.length; i += 60) out += `${flat.slice(i, i + 60)}\n`;
  return out;
}

function repoApi(repo: Repo, urls: Urls): string {
  return `${urls.api}/repos/${fullName(repo)}`;
}

function person(s: Signature): Record<string, unknown> {
  return { name: s.name, email: s.email, date: isoTime(s.at * 1000) };
}

const UNSIGNED = {
  verified: false,
  reason: 'unsigned',
  signature: null,
  payload: null,
  verified_at: null,
};

function parentLinks(
  repo: Repo,
  urls: Urls,
  parents: string[],
  gitApi: boolean,
): Record<string, unknown>[] {
  return parents.map((p) => ({
    sha: p,
    url: `${repoApi(repo, urls)}/${gitApi ? 'git/commits' : 'commits'}/${p}`,
    html_url: `${urls.html}/${fullName(repo)}/commit/${p}`,
  }));
}

/** `GET /repos/{o}/{r}/git/commits/{sha}`. */
export function buildGitCommit(repo: Repo, urls: Urls, sha: string): Record<string, unknown> {
  const c = repo.git.commit(sha);
  if (!c) throw new Error(`commit ${sha} is not in the store`);
  return {
    sha,
    node_id: nodeId('C', sha),
    url: `${repoApi(repo, urls)}/git/commits/${sha}`,
    html_url: `${urls.html}/${fullName(repo)}/commit/${sha}`,
    author: person(c.author),
    committer: person(c.committer),
    tree: { sha: c.tree, url: `${repoApi(repo, urls)}/git/trees/${c.tree}` },
    message: displayMessage(c.message),
    parents: parentLinks(repo, urls, c.parents, true),
    verification: UNSIGNED,
  };
}

export function buildFileChange(
  repo: Repo,
  urls: Urls,
  commitSha: string,
  f: FileChange,
): Record<string, unknown> {
  const path = f.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `${urls.html}/${fullName(repo)}/blob/${commitSha}/${path}`,
    raw_url: `${urls.html}/${fullName(repo)}/raw/${commitSha}/${path}`,
    contents_url: `${repoApi(repo, urls)}/contents/${path}?ref=${commitSha}`,
  };
}

/** `GET /repos/{o}/{r}/commits/{ref}` (with `files` and `stats`) and the entries of commit lists (without). */
export function buildCommit(
  repo: Repo,
  urls: Urls,
  sha: string,
  find: FindAccount,
  files?: FileChange[],
): Record<string, unknown> {
  const c = repo.git.commit(sha);
  if (!c) throw new Error(`commit ${sha} is not in the store`);
  const author = find(c.author);
  const committer = find(c.committer);
  const additions = files?.reduce((n, f) => n + f.additions, 0) ?? 0;
  const deletions = files?.reduce((n, f) => n + f.deletions, 0) ?? 0;
  return {
    sha,
    node_id: nodeId('C', sha),
    commit: {
      author: person(c.author),
      committer: person(c.committer),
      message: displayMessage(c.message),
      tree: { sha: c.tree, url: `${repoApi(repo, urls)}/git/trees/${c.tree}` },
      url: `${repoApi(repo, urls)}/git/commits/${sha}`,
      comment_count: [...repo.comments.values()].filter((m) => m.commitId === sha).length,
      verification: UNSIGNED,
    },
    url: `${repoApi(repo, urls)}/commits/${sha}`,
    html_url: `${urls.html}/${fullName(repo)}/commit/${sha}`,
    comments_url: `${repoApi(repo, urls)}/commits/${sha}/comments`,
    author: author ? buildUser(author, urls) : null,
    committer: committer ? buildUser(committer, urls) : null,
    parents: parentLinks(repo, urls, c.parents, false),
    ...(files
      ? {
          stats: { total: additions + deletions, additions, deletions },
          files: files.map((f) => buildFileChange(repo, urls, sha, f)),
        }
      : {}),
  };
}

export function buildTreeEntry(repo: Repo, urls: Urls, e: WalkedEntry): Record<string, unknown> {
  const isTree = e.mode === '40000';
  return {
    path: e.path,
    mode: isTree ? '040000' : e.mode,
    type: isTree ? 'tree' : 'blob',
    sha: e.sha,
    ...(isTree ? {} : { size: repo.git.blob(e.sha)?.length ?? 0 }),
    url: `${repoApi(repo, urls)}/git/${isTree ? 'trees' : 'blobs'}/${e.sha}`,
  };
}

export function buildBlob(
  repo: Repo,
  urls: Urls,
  sha: string,
  data: Buffer,
): Record<string, unknown> {
  return {
    sha,
    node_id: nodeId('B', sha),
    size: data.length,
    url: `${repoApi(repo, urls)}/git/blobs/${sha}`,
    content: encodeBase64Lines(data),
    encoding: 'base64',
  };
}

/** GitHub's contents API stops inlining files at 1 MB: `content: ""`, `encoding: "none"`. */
export const CONTENTS_INLINE_LIMIT = 1024 * 1024;

export function buildContentEntry(
  repo: Repo,
  urls: Urls,
  ref: string,
  path: string,
  sha: string,
  type: 'file' | 'dir',
  withContent: boolean,
): Record<string, unknown> {
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  const self = `${repoApi(repo, urls)}/contents/${encodedPath}?ref=${encodeURIComponent(ref)}`;
  const git = `${repoApi(repo, urls)}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
  const html = `${urls.html}/${fullName(repo)}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${encodedPath}`;
  const data = type === 'file' ? (repo.git.blob(sha) ?? Buffer.alloc(0)) : undefined;
  const inline =
    data && withContent
      ? data.length > CONTENTS_INLINE_LIMIT
        ? { content: '', encoding: 'none' }
        : { content: encodeBase64Lines(data), encoding: 'base64' }
      : {};
  return {
    type,
    ...(withContent && data ? { encoding: inline.encoding } : {}),
    size: data?.length ?? 0,
    name: path.split('/').pop() ?? path,
    path,
    ...(withContent && data ? { content: inline.content } : {}),
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url:
      type === 'file' ? `${urls.html}/${fullName(repo)}/raw/${ref}/${encodedPath}` : null,
    _links: { self, git, html },
  };
}
