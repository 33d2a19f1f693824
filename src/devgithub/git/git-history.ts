import type { CommitFields } from './git-objects.js';

/** Reads a commit by id; history helpers only need this much of the store. */
export type ReadCommit = (sha: string) => CommitFields | undefined;

/** `sha` and everything reachable from it through parents. */
export function computeAncestors(read: ReadCommit, sha: string): Set<string> {
  const seen = new Set<string>();
  const stack = [sha];
  while (stack.length) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    const c = read(next);
    if (!c) continue;
    seen.add(next);
    stack.push(...c.parents);
  }
  return seen;
}

export function isAncestor(read: ReadCommit, ancestor: string, of: string): boolean {
  return computeAncestors(read, of).has(ancestor);
}

/** The best common ancestor (`git merge-base`): a common ancestor that no other common ancestor descends from. */
export function computeMergeBase(read: ReadCommit, a: string, b: string): string | undefined {
  const ofA = computeAncestors(read, a);
  const common = [...computeAncestors(read, b)].filter((s) => ofA.has(s));
  const best = common.filter(
    (c) => !common.some((d) => d !== c && computeAncestors(read, d).has(c)),
  );
  // Several best bases (criss-cross merges): git picks one; the newest by committer time is as good as any.
  return best.sort((x, y) => (read(y)?.committer.at ?? 0) - (read(x)?.committer.at ?? 0))[0];
}

/** Commits reachable from `head` but from none of `exclude`, parents before children (oldest first). */
export function planCommitRange(
  read: ReadCommit,
  head: string,
  exclude: readonly string[],
): string[] {
  const hidden = new Set<string>();
  for (const e of exclude) for (const s of computeAncestors(read, e)) hidden.add(s);
  const ordered: string[] = [];
  const visited = new Set<string>();
  // Iterative post-order DFS, so deep histories cannot overflow the stack.
  const stack: { sha: string; expanded: boolean }[] = [{ sha: head, expanded: false }];
  while (stack.length) {
    const top = stack.pop() as { sha: string; expanded: boolean };
    if (top.expanded) {
      ordered.push(top.sha);
      continue;
    }
    if (visited.has(top.sha) || hidden.has(top.sha)) continue;
    const c = read(top.sha);
    if (!c) continue;
    visited.add(top.sha);
    stack.push({ sha: top.sha, expanded: true });
    for (const p of [...c.parents].reverse()) stack.push({ sha: p, expanded: false });
  }
  return ordered;
}
