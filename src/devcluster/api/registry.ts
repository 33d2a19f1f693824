import { type ResourceDef, storageKey } from './resource-def.js';

export interface GroupInfo {
  name: string;
  versions: string[];
  preferredVersion: string;
}

/**
 * The served resources: built-ins at start, custom resources as CRDs are registered.
 * Lookups are by (group, version, plural) for routing and by (group, kind) for owner references.
 */
export class ResourceRegistry {
  private readonly byPath = new Map<string, ResourceDef>();
  /** Bumped on every change so discovery/OpenAPI documents can be cached and their hash changes. */
  revision = 0;

  constructor(builtins: ResourceDef[]) {
    for (const def of builtins) this.add(def);
  }

  add(def: ResourceDef): void {
    this.byPath.set(pathKey(def.group, def.version, def.plural), def);
    this.revision++;
  }

  /** Removes every version registered by a CRD. */
  removeCrd(crdName: string): ResourceDef[] {
    const removed = [...this.byPath.values()].filter((d) => d.crd?.name === crdName);
    for (const def of removed) this.byPath.delete(pathKey(def.group, def.version, def.plural));
    if (removed.length) this.revision++;
    return removed;
  }

  find(group: string, version: string, plural: string): ResourceDef | undefined {
    return this.byPath.get(pathKey(group, version, plural));
  }

  findKind(group: string, kind: string): ResourceDef | undefined {
    for (const def of this.byPath.values())
      if (def.group === group && def.kind === kind) return def;
    return undefined;
  }

  /** All versions serving the same storage as `def` (a CRD with several versions). */
  siblings(def: ResourceDef): ResourceDef[] {
    const key = storageKey(def);
    return [...this.byPath.values()].filter((d) => storageKey(d) === key);
  }

  all(): ResourceDef[] {
    return [...this.byPath.values()];
  }

  inGroupVersion(group: string, version: string): ResourceDef[] {
    return this.all().filter((d) => d.group === group && d.version === version);
  }

  /** Named API groups (not the legacy core group), in registration order. */
  groups(): GroupInfo[] {
    const out = new Map<string, GroupInfo>();
    for (const def of this.byPath.values()) {
      if (!def.group) continue;
      const info = out.get(def.group) ?? {
        name: def.group,
        versions: [],
        preferredVersion: def.version,
      };
      if (!info.versions.includes(def.version)) info.versions.push(def.version);
      const storage = def.crd?.storageVersion;
      if (storage && info.versions.includes(storage)) info.preferredVersion = storage;
      out.set(def.group, info);
    }
    return [...out.values()];
  }
}

function pathKey(group: string, version: string, plural: string): string {
  return `${group}/${version}/${plural}`;
}
