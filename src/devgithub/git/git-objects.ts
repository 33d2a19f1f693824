import { createHash } from 'node:crypto';

/**
 * Git's object encoding (https://git-scm.com/book/en/v2/Git-Internals-Git-Objects): an object id is the
 * SHA-1 of `<type> <byte length>\0<body>`, so identical content always gets the identical id.
 */
export type ObjectType = 'blob' | 'tree' | 'commit';

/** `40000` is how git writes a tree's mode inside a tree object; the REST API shows it as `040000`. */
export type EntryMode = '100644' | '100755' | '40000';

export interface TreeEntry {
  name: string;
  mode: EntryMode;
  sha: string;
}

export interface Signature {
  name: string;
  email: string;
  /** Epoch seconds; the emulator always writes +0000. */
  at: number;
}

export interface CommitFields {
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  /** As stored: git's own convention of a trailing newline. */
  message: string;
}

export const ZERO_SHA = '0'.repeat(40);

export function computeObjectId(type: ObjectType, body: Uint8Array): string {
  return createHash('sha1').update(`${type} ${body.byteLength}\0`).update(body).digest('hex');
}

/** Git orders entries bytewise by name, comparing a tree's name as if it ended in `/`. */
export function compareEntries(a: TreeEntry, b: TreeEntry): number {
  const key = (e: TreeEntry) => Buffer.from(e.mode === '40000' ? `${e.name}/` : e.name, 'utf8');
  return Buffer.compare(key(a), key(b));
}

export function encodeTree(entries: readonly TreeEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of [...entries].sort(compareEntries)) {
    parts.push(Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.sha, 'hex'));
  }
  return Buffer.concat(parts);
}

function signatureLine(role: 'author' | 'committer', s: Signature): string {
  return `${role} ${s.name} <${s.email}> ${s.at} +0000\n`;
}

export function encodeCommit(c: CommitFields): Buffer {
  const head = [
    `tree ${c.tree}\n`,
    ...c.parents.map((p) => `parent ${p}\n`),
    signatureLine('author', c.author),
    signatureLine('committer', c.committer),
  ].join('');
  return Buffer.from(`${head}\n${c.message}`, 'utf8');
}

/** What `git commit -m` stores: the message with exactly one trailing newline. */
export function normaliseMessage(message: string): string {
  return message.endsWith('\n') ? message : `${message}\n`;
}

/** The REST API shows messages without git's trailing newline. */
export function displayMessage(stored: string): string {
  return stored.endsWith('\n') ? stored.slice(0, -1) : stored;
}

export function isFullSha(s: string): boolean {
  return /^[0-9a-f]{40}$/.test(s);
}
