import {
  type CommitFields,
  computeObjectId,
  encodeCommit,
  encodeTree,
  type EntryMode,
  type TreeEntry,
} from './git-objects.js';

export type GitObject =
  | { type: 'blob'; sha: string; data: Buffer }
  | { type: 'tree'; sha: string; entries: TreeEntry[] }
  | { type: 'commit'; sha: string; fields: CommitFields };

/** A file in a flattened tree: full path → blob. */
export interface FileEntry {
  sha: string;
  mode: EntryMode;
}

/** One entry of a tree walk, with its path from the walked tree's root. */
export interface WalkedEntry extends TreeEntry {
  path: string;
}

/** A content-addressed object database for one repository. Objects are immutable once written. */
export class GitStore {
  private readonly objects = new Map<string, GitObject>();

  putBlob(data: Uint8Array): string {
    const buf = Buffer.from(data);
    const sha = computeObjectId('blob', buf);
    if (!this.objects.has(sha)) this.objects.set(sha, { type: 'blob', sha, data: buf });
    return sha;
  }

  putTree(entries: TreeEntry[]): string {
    const sha = computeObjectId('tree', encodeTree(entries));
    if (!this.objects.has(sha)) this.objects.set(sha, { type: 'tree', sha, entries: [...entries] });
    return sha;
  }

  putCommit(fields: CommitFields): string {
    const sha = computeObjectId('commit', encodeCommit(fields));
    if (!this.objects.has(sha)) this.objects.set(sha, { type: 'commit', sha, fields });
    return sha;
  }

  get(sha: string): GitObject | undefined {
    return this.objects.get(sha);
  }

  blob(sha: string): Buffer | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'blob' ? o.data : undefined;
  }

  tree(sha: string): TreeEntry[] | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'tree' ? o.entries : undefined;
  }

  commit(sha: string): CommitFields | undefined {
    const o = this.objects.get(sha);
    return o?.type === 'commit' ? o.fields : undefined;
  }

  /** Commits whose id starts with `prefix` (abbreviated shas). */
  commitsByPrefix(prefix: string): string[] {
    const out: string[] = [];
    for (const [sha, o] of this.objects)
      if (o.type === 'commit' && sha.startsWith(prefix)) out.push(sha);
    return out;
  }

  /** Writes the nested trees for a flat path → blob map and returns the root tree's id. */
  writeFiles(files: ReadonlyMap<string, FileEntry>): string {
    const children = new Map<string, Map<string, FileEntry>>();
    const entries: TreeEntry[] = [];
    for (const [path, file] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        entries.push({ name: path, mode: file.mode, sha: file.sha });
        continue;
      }
      const dir = path.slice(0, slash);
      const sub = children.get(dir) ?? new Map<string, FileEntry>();
      sub.set(path.slice(slash + 1), file);
      children.set(dir, sub);
    }
    for (const [dir, sub] of children)
      entries.push({ name: dir, mode: '40000', sha: this.writeFiles(sub) });
    return this.putTree(entries);
  }

  /** Every entry under a tree in git's order (a directory before its contents), trees included when `recursive`. */
  walk(treeSha: string, recursive: boolean, prefix = ''): WalkedEntry[] {
    const out: WalkedEntry[] = [];
    for (const e of this.tree(treeSha) ?? []) {
      const path = prefix + e.name;
      out.push({ ...e, path });
      if (recursive && e.mode === '40000') out.push(...this.walk(e.sha, true, `${path}/`));
    }
    return out;
  }

  /** The files (blobs) under a tree, keyed by full path. */
  listFiles(treeSha: string): Map<string, FileEntry> {
    const files = new Map<string, FileEntry>();
    for (const e of this.walk(treeSha, true))
      if (e.mode !== '40000') files.set(e.path, { sha: e.sha, mode: e.mode });
    return files;
  }

  /** The entry at `path` inside a tree; the empty path is the tree itself. */
  findPath(treeSha: string, path: string): TreeEntry | undefined {
    let current: TreeEntry = { name: '', mode: '40000', sha: treeSha };
    for (const part of path.split('/').filter((p) => p !== '')) {
      if (current.mode !== '40000') return undefined;
      const next = this.tree(current.sha)?.find((e) => e.name === part);
      if (!next) return undefined;
      current = next;
    }
    return current;
  }
}
