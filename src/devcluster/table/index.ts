export { age, humanDuration } from './human-duration.js';
export { JsonPathError, evaluateJsonPath, parseJsonPath, type JsonPath } from './jsonpath.js';
export { columnsFor, printerFor, tableDefFor } from './columns.js';
export { DEFAULT_PRINTER_COLUMNS } from './custom-printer.js';
export { summarizePod } from './pod-printer.js';
export { buildTable, type BuildTableOptions, type IncludeObject } from './build-table.js';
export type {
  PrinterColumn,
  Table,
  TableCell,
  TableColumnDefinition,
  TableDef,
  TablePrinter,
  TableRow,
  TableRowCondition,
} from './types.js';
