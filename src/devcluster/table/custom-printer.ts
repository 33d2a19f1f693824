// Rows for custom resources: the apiextensions-apiserver table convertor
// (apiextensions-apiserver/pkg/registry/customresource/tableconvertor).
import { age } from './human-duration.js';
import { isRecord, nameOf } from './json-view.js';
import { evaluateJsonPath, parseJsonPath, type JsonPath } from './jsonpath.js';
import { CREATION_DESCRIPTION, NAME_COLUMN } from './printer-kit.js';
import type { PrinterColumn, TableCell, TableColumnDefinition, TablePrinter } from './types.js';

/** What the API server serves for a CRD version without additionalPrinterColumns. */
export const DEFAULT_PRINTER_COLUMNS: readonly PrinterColumn[] = [
  {
    name: 'Age',
    type: 'date',
    description: CREATION_DESCRIPTION,
    jsonPath: '.metadata.creationTimestamp',
  },
];

/** Go's encoding/json for a decoded JSON value: map keys sorted. */
function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A `string` column prints the value as `kubectl get -o jsonpath` would. */
function stringCell(value: unknown): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return goJson(value);
}

/** cellForJSONValue: a typed cell, or null when the value does not fit the column type. */
function typedCell(type: string, value: unknown, now: Date): TableCell {
  switch (type) {
    case 'string':
      return stringCell(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? age(value, now) : null;
    default:
      return null;
  }
}

/**
 * A printer for a custom resource: Name, then one column per printer column (an empty list gets the default
 * Age column). Throws JsonPathError for a column path the API server would also refuse to serve.
 */
export function buildCustomPrinter(printerColumns: readonly PrinterColumn[]): TablePrinter {
  const effective = printerColumns.length === 0 ? DEFAULT_PRINTER_COLUMNS : printerColumns;
  const compiled: Array<{ type: string; path: JsonPath }> = effective.map((c) => ({
    type: c.type,
    path: parseJsonPath(c.jsonPath),
  }));
  const columns: TableColumnDefinition[] = [
    NAME_COLUMN,
    ...effective.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description:
        c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
      priority: c.priority ?? 0,
    })),
  ];
  return {
    columns,
    cells(obj, now) {
      // Only the first match is shown, as the apiextensions convertor does.
      const cells = compiled.map(({ type, path }) => {
        const [first] = evaluateJsonPath(obj, path);
        return first === undefined ? null : typedCell(type, first, now);
      });
      return [nameOf(obj), ...cells];
    },
  };
}
