import type { KubeObject } from '../api/object-meta.js';
import type { ResourceDef } from '../api/resource-def.js';
import { buildTable, tableDefFor } from '../table/index.js';
import type { Representation } from './negotiate.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function partial(obj: KubeObject, version: string): Record<string, unknown> {
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: obj.metadata,
  };
}

/** One object in the representation the client negotiated. */
export function renderObject(
  def: ResourceDef,
  obj: KubeObject,
  rep: Representation,
  now: number,
  includeObject: IncludeObject,
): unknown {
  if (rep.as === 'Table')
    return renderTable(def, [obj], rep, now, includeObject, obj.metadata.resourceVersion ?? '');
  if (rep.as === 'PartialObjectMetadata') return partial(obj, rep.version);
  return obj;
}

export function renderList(
  def: ResourceDef,
  items: KubeObject[],
  rep: Representation,
  now: number,
  includeObject: IncludeObject,
  meta: { resourceVersion: string; continue?: string; remainingItemCount?: number },
): unknown {
  if (rep.as === 'Table')
    return renderTable(def, items, rep, now, includeObject, meta.resourceVersion, meta.continue);
  const listMeta = {
    resourceVersion: meta.resourceVersion,
    ...(meta.continue ? { continue: meta.continue } : {}),
    ...(meta.remainingItemCount !== undefined
      ? { remainingItemCount: meta.remainingItemCount }
      : {}),
  };
  if (rep.as === 'PartialObjectMetadata') {
    return {
      kind: 'PartialObjectMetadataList',
      apiVersion: `meta.k8s.io/${rep.version}`,
      metadata: listMeta,
      items: items.map((o) => partial(o, rep.version)),
    };
  }
  return {
    kind: def.listKind,
    apiVersion: def.group ? `${def.group}/${def.version}` : def.version,
    metadata: listMeta,
    items,
  };
}

function renderTable(
  def: ResourceDef,
  items: KubeObject[],
  rep: { version: string },
  now: number,
  includeObject: IncludeObject,
  resourceVersion: string,
  cont?: string,
): unknown {
  const table = buildTable(tableDefFor(def.group, def.kind, def.crd?.printerColumns), items, {
    now: new Date(now),
    includeObject,
    resourceVersion,
    ...(cont ? { continue: cont } : {}),
  });
  return rep.version === 'v1' ? table : { ...table, apiVersion: 'meta.k8s.io/v1beta1' };
}
