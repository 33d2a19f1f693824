// Builds the meta.k8s.io/v1 Table kube-apiserver answers to
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (apiserver/pkg/endpoints/handlers/response.go, asTable).
import { printerFor } from './columns.js';
import { rec } from './json-view.js';
import type { Table, TableDef, TableRow } from './types.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface BuildTableOptions {
  readonly now: Date;
  /** The `includeObject` query parameter; kubectl's default is Metadata. */
  readonly includeObject: IncludeObject;
  readonly resourceVersion: string;
  readonly continue?: string;
  readonly remainingItemCount?: number;
}

function rowObject(obj: unknown, includeObject: IncludeObject): unknown {
  if (includeObject === 'Object') return obj;
  return {
    kind: 'PartialObjectMetadata',
    apiVersion: 'meta.k8s.io/v1',
    metadata: rec(rec(obj).metadata),
  };
}

/**
 * One row per object, every column (wide ones too: kubectl hides priority > 0 itself). Throws JsonPathError
 * when a custom resource's printer column path does not parse.
 */
export function buildTable(
  def: TableDef,
  objects: readonly unknown[],
  opts: BuildTableOptions,
): Table {
  const printer = printerFor(def);
  const rows = objects.map((obj): TableRow => {
    const conditions = printer.conditions?.(obj);
    return {
      cells: printer.cells(obj, opts.now),
      ...(conditions ? { conditions } : {}),
      ...(opts.includeObject === 'None' ? {} : { object: rowObject(obj, opts.includeObject) }),
    };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {
      resourceVersion: opts.resourceVersion,
      ...(opts.continue ? { continue: opts.continue } : {}),
      ...(opts.remainingItemCount !== undefined
        ? { remainingItemCount: opts.remainingItemCount }
        : {}),
    },
    columnDefinitions: [...printer.columns],
    rows,
  };
}
