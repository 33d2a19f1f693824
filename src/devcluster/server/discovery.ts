import type { ResourceRegistry } from '../api/registry.js';
import { type ResourceDef, apiVersionOf } from '../api/resource-def.js';

/** The Kubernetes version the devcluster reports (within kubectl's supported skew of recent clients). */
export const SERVER_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.0-devcluster' };

export function versionInfo(): Record<string, string> {
  return {
    ...SERVER_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function legacyVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(registry: ResourceRegistry, name: string): Record<string, unknown> | undefined {
  const info = registry.groups().find((g) => g.name === name);
  if (!info) return undefined;
  const gv = (v: string) => ({ groupVersion: `${name}/${v}`, version: v });
  return { name, versions: info.versions.map(gv), preferredVersion: gv(info.preferredVersion) };
}

export function groupList(registry: ResourceRegistry): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry.groups().map((g) => groupEntry(registry, g.name)),
  };
}

export function apiGroup(
  registry: ResourceRegistry,
  name: string,
): Record<string, unknown> | undefined {
  const entry = groupEntry(registry, name);
  return entry ? { kind: 'APIGroup', apiVersion: 'v1', ...entry } : undefined;
}

function subresourceEntries(def: ResourceDef): Array<Record<string, unknown>> {
  const base = { singularName: '', namespaced: def.namespaced };
  const out: Array<Record<string, unknown>> = [];
  if (def.statusSubresource)
    out.push({
      name: `${def.plural}/status`,
      ...base,
      kind: def.kind,
      verbs: ['get', 'patch', 'update'],
    });
  if (def.scale)
    out.push({
      name: `${def.plural}/scale`,
      ...base,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
  for (const sub of def.extraSubresources) {
    if (sub === 'eviction')
      out.push({
        name: `${def.plural}/eviction`,
        ...base,
        group: 'policy',
        version: 'v1',
        kind: 'Eviction',
        verbs: ['create'],
      });
    if (sub === 'log')
      out.push({ name: `${def.plural}/log`, ...base, kind: 'Pod', verbs: ['get'] });
    if (sub === 'finalize')
      out.push({ name: `${def.plural}/finalize`, ...base, kind: def.kind, verbs: ['update'] });
  }
  return out;
}

export function resourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const defs = registry.inGroupVersion(group, version);
  if (defs.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources: defs.flatMap((def) => [
      {
        name: def.plural,
        singularName: def.singular,
        namespaced: def.namespaced,
        kind: def.kind,
        verbs: def.verbs,
        ...(def.shortNames.length ? { shortNames: def.shortNames } : {}),
        ...(def.categories.length ? { categories: def.categories } : {}),
      },
      ...subresourceEntries(def),
    ]),
  };
}
