import type { JSONSchemaProps } from '../schema/index.js';
import type { ReviewKind } from './reviews.js';

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** One served resource (group/version/plural), built in or registered by a CRD. */
export interface ResourceDef {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  verbs: string[];
  /** Subresources served besides the main resource. */
  statusSubresource: boolean;
  scale?: ScaleSubresource;
  /** Extra subresources with their own handlers (eviction, log, finalize). */
  extraSubresources: string[];
  /** Set for kinds that are answered on create and never stored (access reviews). */
  review?: ReviewKind;
  /** Present for custom resources: their schema and printer columns. */
  crd?: {
    name: string;
    storageVersion: string;
    schema?: JSONSchemaProps;
    printerColumns: PrinterColumn[];
  };
}

/** Storage is per group/plural: every served version of a resource shares its objects. */
export function storageKey(def: Pick<ResourceDef, 'group' | 'plural'>): string {
  return `${def.group}/${def.plural}`;
}

export function apiVersionOf(def: Pick<ResourceDef, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];
