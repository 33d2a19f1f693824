// The meta.k8s.io/v1 Table wire shape (k8s.io/apimachinery/pkg/apis/meta/v1/types.go, "Table").

export interface TableColumnDefinition {
  readonly name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  readonly type: string;
  /** OpenAPI format modifier; "name" marks the object's name column. */
  readonly format: string;
  readonly description: string;
  /** 0 is always shown; higher only with `kubectl get -o wide`. */
  readonly priority: number;
}

export type TableCell = string | number | boolean | null;

export interface TableRowCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface TableRow {
  readonly cells: TableCell[];
  readonly conditions?: TableRowCondition[];
  readonly object?: unknown;
}

export interface Table {
  readonly kind: 'Table';
  readonly apiVersion: 'meta.k8s.io/v1';
  readonly metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  readonly columnDefinitions: TableColumnDefinition[];
  readonly rows: TableRow[];
}

/** apiextensions.k8s.io/v1 CustomResourceColumnDefinition (a CRD version's additionalPrinterColumns entry). */
export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly format?: string;
  readonly description?: string;
  readonly priority?: number;
  readonly jsonPath: string;
}

/** Which printer turns objects into rows. */
export type TableDef =
  /** A kind with kube-apiserver's own printer, keyed `<group>/<Kind>` ('' group for core: `/Pod`). */
  | { readonly builtin: string }
  /** A custom resource: Name, then the served version's additionalPrinterColumns. */
  | { readonly printerColumns: readonly PrinterColumn[] };

/** Turns one object into the cells of its row. */
export interface TablePrinter {
  readonly columns: readonly TableColumnDefinition[];
  cells(obj: unknown, now: Date): TableCell[];
  conditions?(obj: unknown): TableRowCondition[] | undefined;
}
