// Which printer serves which kind, and its column definitions.
import {
  CONFIG_MAP_PRINTER,
  DEFAULT_PRINTER,
  EVENT_PRINTER,
  LEASE_PRINTER,
  NAMESPACE_PRINTER,
  NODE_PRINTER,
  SECRET_PRINTER,
  SERVICE_ACCOUNT_PRINTER,
} from './core-printers.js';
import { buildCustomPrinter } from './custom-printer.js';
import { ENDPOINTS_PRINTER, INGRESS_PRINTER, SERVICE_PRINTER } from './network-printers.js';
import { POD_PRINTER } from './pod-printer.js';
import type { PrinterColumn, TableColumnDefinition, TableDef, TablePrinter } from './types.js';
import {
  DEPLOYMENT_PRINTER,
  JOB_PRINTER,
  POD_DISRUPTION_BUDGET_PRINTER,
  REPLICA_SET_PRINTER,
} from './workload-printers.js';

/** Built-in printers keyed `<group>/<Kind>`; the core group is ''. */
const BUILTIN: ReadonlyMap<string, TablePrinter> = new Map([
  ['/Pod', POD_PRINTER],
  ['apps/ReplicaSet', REPLICA_SET_PRINTER],
  ['apps/Deployment', DEPLOYMENT_PRINTER],
  ['/Service', SERVICE_PRINTER],
  ['/Endpoints', ENDPOINTS_PRINTER],
  ['/Namespace', NAMESPACE_PRINTER],
  ['/ConfigMap', CONFIG_MAP_PRINTER],
  ['/Secret', SECRET_PRINTER],
  ['/ServiceAccount', SERVICE_ACCOUNT_PRINTER],
  ['/Event', EVENT_PRINTER],
  ['batch/Job', JOB_PRINTER],
  ['networking.k8s.io/Ingress', INGRESS_PRINTER],
  ['policy/PodDisruptionBudget', POD_DISRUPTION_BUDGET_PRINTER],
  ['coordination.k8s.io/Lease', LEASE_PRINTER],
  ['apiextensions.k8s.io/CustomResourceDefinition', DEFAULT_PRINTER],
  ['/Node', NODE_PRINTER],
]);

/**
 * The table definition for a kind. Pass `printerColumns` (possibly empty) for a custom resource: the served
 * CRD version's additionalPrinterColumns. Built-in kinds without a printer get NAME / CREATED AT.
 */
export function tableDefFor(
  group: string,
  kind: string,
  printerColumns?: readonly PrinterColumn[],
): TableDef {
  if (printerColumns !== undefined) return { printerColumns };
  return { builtin: `${group}/${kind}` };
}

/** The printer for a definition. Throws JsonPathError when a printer column's path does not parse. */
export function printerFor(def: TableDef): TablePrinter {
  if ('printerColumns' in def) return buildCustomPrinter(def.printerColumns);
  return BUILTIN.get(def.builtin) ?? DEFAULT_PRINTER;
}

/** The column definitions a Table for `def` carries. */
export function columnsFor(def: TableDef): readonly TableColumnDefinition[] {
  return printerFor(def).columns;
}
