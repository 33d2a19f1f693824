/**
 * A set of field paths as server-side apply tracks them, in the `FieldsV1` vocabulary: each path
 * element is `f:<field>`, `k:<json of the key fields>` (an item of a keyed list), `v:<json>` (an
 * item of a set) or `i:<index>`. A node is a member itself (`.` in FieldsV1) and/or holds members
 * below it.
 */
export class FieldSet {
  private self = false;
  private readonly children = new Map<string, FieldSet>();

  static fromFieldsV1(value: unknown): FieldSet {
    const set = new FieldSet();
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return set;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key === '.') set.self = true;
      else set.children.set(key, FieldSet.fromFieldsV1(child));
    }
    // `{}` under a key: that path is a member with nothing below it.
    if (Object.keys(value).length === 0) set.self = true;
    return set;
  }

  insert(path: readonly string[]): void {
    const [first, ...rest] = path;
    if (first === undefined) {
      this.self = true;
      return;
    }
    let child = this.children.get(first);
    if (!child) this.children.set(first, (child = new FieldSet()));
    child.insert(rest);
  }

  /** The node at `path`, present when the path or anything below it is a member. */
  at(path: readonly string[]): FieldSet | undefined {
    const [first, ...rest] = path;
    return first === undefined ? this : this.children.get(first)?.at(rest);
  }

  /** A shallow copy keeping only the root's children `pick` accepts. */
  filterTop(pick: (element: string) => boolean): FieldSet {
    const out = new FieldSet();
    out.self = this.self;
    for (const [key, child] of this.children) if (pick(key)) out.children.set(key, child);
    return out;
  }

  /** A copy without the members at `paths` (their descendants stay). */
  withoutMembers(paths: ReadonlyArray<readonly string[]>): FieldSet {
    const drop = new FieldSet();
    for (const path of paths) drop.insert(path);
    return this.difference(drop);
  }

  isEmpty(): boolean {
    return !this.self && [...this.children.values()].every((c) => c.isEmpty());
  }

  union(other: FieldSet): FieldSet {
    return FieldSet.combine(this, other, (a, b) => a || b);
  }

  difference(other: FieldSet): FieldSet {
    return FieldSet.combine(this, other, (a, b) => a && !b);
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.combine(this, other, (a, b) => a && b);
  }

  /** Every member path, parents before children. */
  members(prefix: string[] = []): string[][] {
    const out: string[][] = this.self && prefix.length > 0 ? [prefix] : [];
    for (const [key, child] of sortedEntries(this.children))
      out.push(...child.members([...prefix, key]));
    return out;
  }

  /** The FieldsV1 JSON: `{}` for a leaf member, `".": {}` for a member with members below. */
  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const children = sortedEntries(this.children).filter(([, c]) => !c.isEmpty());
    if (this.self && children.length > 0) out['.'] = {};
    for (const [key, child] of children) out[key] = child.toFieldsV1();
    return out;
  }

  private static combine(
    a: FieldSet | undefined,
    b: FieldSet | undefined,
    keep: (inA: boolean, inB: boolean) => boolean,
  ): FieldSet {
    const out = new FieldSet();
    out.self = keep(a?.self ?? false, b?.self ?? false);
    const keys = new Set([...(a?.children.keys() ?? []), ...(b?.children.keys() ?? [])]);
    for (const key of keys) {
      const child = FieldSet.combine(a?.children.get(key), b?.children.get(key), keep);
      if (!child.isEmpty()) out.children.set(key, child);
    }
    return out;
  }
}

// Fields, then keyed items, set items and indexes, each in string order (as structured-merge-diff
// serialises them).
const ORDER = ['f', 'k', 'v', 'i'];
function sortedEntries(map: Map<string, FieldSet>): Array<[string, FieldSet]> {
  return [...map.entries()].sort(([a], [b]) => {
    const byType = ORDER.indexOf(a[0] ?? '') - ORDER.indexOf(b[0] ?? '');
    return byType !== 0 ? byType : a < b ? -1 : a > b ? 1 : 0;
  });
}

/** A path as the API server prints it in conflict messages: `.spec.containers[name="web"].image`. */
export function formatFieldPath(path: readonly string[]): string {
  return path
    .map((element) => {
      const body = element.slice(2);
      switch (element[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const key = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.entries(key)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(',')}]`;
        }
        case 'v':
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}
