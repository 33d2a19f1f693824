import type { FileEntry } from './git-store.js';

export type ChangeStatus = 'added' | 'modified' | 'removed';

export interface FileChange {
  filename: string;
  status: ChangeStatus;
  /** The blob after the change (before it, for a removal). */
  sha: string;
  previousSha?: string;
  additions: number;
  deletions: number;
}

function lines(data: Buffer | undefined): string[] {
  if (!data || data.length === 0) return [];
  const text = data.toString('utf8');
  const parts = text.split('\n');
  if (text.endsWith('\n')) parts.pop();
  return parts;
}

/**
 * Added and deleted line counts. A multiset difference rather than a real diff: exact for pure
 * additions and removals, an under-count when lines only move. Good enough for `stats`.
 */
export function countLineChanges(
  before: Buffer | undefined,
  after: Buffer | undefined,
): { additions: number; deletions: number } {
  const counts = new Map<string, number>();
  for (const l of lines(before)) counts.set(l, (counts.get(l) ?? 0) + 1);
  let additions = 0;
  for (const l of lines(after)) {
    const n = counts.get(l) ?? 0;
    if (n > 0) counts.set(l, n - 1);
    else additions++;
  }
  let deletions = 0;
  for (const n of counts.values()) deletions += n;
  return { additions, deletions };
}

/** What changed between two flattened trees, sorted by path as GitHub lists `files`. */
export function diffFiles(
  before: ReadonlyMap<string, FileEntry>,
  after: ReadonlyMap<string, FileEntry>,
  readBlob: (sha: string) => Buffer | undefined,
): FileChange[] {
  const changes: FileChange[] = [];
  for (const [path, file] of after) {
    const old = before.get(path);
    if (old?.sha === file.sha) continue;
    changes.push({
      filename: path,
      status: old ? 'modified' : 'added',
      sha: file.sha,
      ...(old ? { previousSha: old.sha } : {}),
      ...countLineChanges(old ? readBlob(old.sha) : undefined, readBlob(file.sha)),
    });
  }
  for (const [path, old] of before) {
    if (after.has(path)) continue;
    changes.push({
      filename: path,
      status: 'removed',
      sha: old.sha,
      ...countLineChanges(readBlob(old.sha), undefined),
    });
  }
  return changes.sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0));
}
