import { dirname, isAbsolute, join } from 'node:path';
import type { NamedEntry } from './parse-kubeconfig.js';
import type { Material } from './types.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard base64 with padding, as Go decodes `*-data` fields; line breaks are allowed. */
export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}

/**
 * Typed reads of one kubeconfig entry's fields. A wrong type is a problem naming the file and field
 * path; an absent field is `undefined`.
 */
export class EntryFields {
  constructor(
    private readonly entry: NamedEntry,
    private readonly problems: string[],
  ) {}

  where(key: string): string {
    return `${this.entry.origin}: ${this.entry.field}.${key}`;
  }

  problem(key: string, message: string): void {
    this.problems.push(`${this.where(key)}: ${message}`);
  }

  has(key: string): boolean {
    const v = this.entry.body[key];
    return v !== undefined && v !== null && v !== '';
  }

  raw(key: string): unknown {
    return this.entry.body[key];
  }

  string(key: string): string | undefined {
    const v = this.entry.body[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'string') return v;
    this.problem(key, 'expected a string');
    return undefined;
  }

  boolean(key: string): boolean {
    const v = this.entry.body[key];
    if (v === undefined || v === null) return false;
    if (typeof v === 'boolean') return v;
    this.problem(key, 'expected true or false');
    return false;
  }

  strings(key: string): string[] {
    const v = this.entry.body[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
    this.problem(key, 'expected a list of strings');
    return [];
  }

  /** A file path, resolved against the kubeconfig's directory when relative, as kubectl does. */
  path(key: string): string | undefined {
    const p = this.string(key);
    return p === undefined ? undefined : this.resolvePath(p);
  }

  resolvePath(p: string): string {
    return isAbsolute(p) ? p : join(dirname(this.entry.origin), p);
  }

  /** `<key>-data` (base64, wins) or `<key>` (a file), e.g. `certificate-authority`. */
  material(key: string): Material | undefined {
    const data = this.string(`${key}-data`);
    if (data !== undefined) {
      const bytes = decodeBase64(data);
      if (bytes === undefined) this.problem(`${key}-data`, 'not valid base64');
      return bytes === undefined ? undefined : { data: bytes };
    }
    const file = this.path(key);
    return file === undefined ? undefined : { file, field: this.where(key) };
  }
}
