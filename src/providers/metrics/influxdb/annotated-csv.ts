import { formatFloatV, parseGoFloat } from '../shared/go-format.js';
import { fail, ok, type Step } from '../shared/outcome.js';

/** Rows of RFC 4180 CSV: quoted fields may hold commas, quotes (`""`) and line breaks; CRLF or LF. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rows.push([...row, field]);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

interface Table {
  width: number;
  types: string[];
  defaults: string[];
  names: string[];
}

/**
 * The `_value` of every record of a Flux annotated-CSV answer (`#datatype`, `#group`, `#default`
 * annotations, then a header row, then records; a new annotation block starts a new table), typed
 * by its `#datatype` as influxdb-client-go types it. A table whose header starts with `error`
 * carries a query error, reported as `<message>,<reference>`. A table without `_value` gives null.
 */
export function parseFluxValues(text: string): Step<unknown[]> {
  const values: unknown[] = [];
  let table: Table | undefined;
  let state: 'normal' | 'annotation' | 'error' = 'normal';
  let datatypeFound = false;
  for (const row of parseCsvRows(text)) {
    if (row.length <= 1) continue; // blank separator lines
    const [first = '', ...cells] = row;
    if (first.startsWith('#') && state === 'normal') {
      table = { width: cells.length, types: [], defaults: [], names: [] };
      state = 'annotation';
      datatypeFound = false;
    }
    if (!table) return fail('parsing error, annotations not found');
    if (cells.length !== table.width) {
      return fail(
        `parsing error, row has different number of columns than the table: ${cells.length} vs ${table.width}`,
      );
    }
    if (first === '#datatype') {
      datatypeFound = true;
      table.types = cells;
    } else if (first === '#default') table.defaults = cells;
    else if (first.startsWith('#'))
      continue; // #group and any annotation we do not use
    else if (state === 'annotation') {
      if (!datatypeFound) return fail('parsing error, datatype annotation not found');
      state = cells[0] === 'error' ? 'error' : 'normal';
      table.names = cells;
    } else if (state === 'error') {
      const reference = cells[1] ? `,${cells[1]}` : '';
      return fail(`${cells[0] || 'unknown query error'}${reference}`);
    } else {
      const at = table.names.indexOf('_value');
      if (at < 0) {
        values.push(null);
        continue;
      }
      const value = toValue(cells[at] || table.defaults[at] || '', table.types[at] ?? '');
      if (!value.ok) return value;
      values.push(value.value);
    }
  }
  return ok(values);
}

/** influxdb-client-go's cell typing; dateTime, duration and base64Binary stay as their text. */
function toValue(s: string, type: string): Step<unknown> {
  if (s === '') return ok(null);
  switch (type) {
    case 'string':
    case 'dateTime:RFC3339':
    case 'dateTime:RFC3339Nano':
    case 'duration':
    case 'base64Binary':
      return ok(s);
    case 'double': {
      const n = parseGoFloat(s);
      return n === undefined ? fail(`_value ${JSON.stringify(s)} is not a double`) : ok(n);
    }
    case 'boolean':
      return ok(s.toLowerCase() !== 'false');
    case 'long':
    case 'unsignedLong':
      return (type === 'long' ? /^[+-]?\d+$/ : /^\d+$/).test(s)
        ? ok(Number(s))
        : fail(`_value ${JSON.stringify(s)} is not a ${type}`);
    default:
      return fail(`_value has unknown data type ${type}`);
  }
}

/** Go's `fmt.Sprint` of the values slice, upstream's measurement value: `[0.5 1 true foo <nil>]`. */
export function formatGoSlice(values: unknown[]): string {
  const parts = values.map((v) => {
    if (v === null || v === undefined) return '<nil>';
    if (typeof v === 'number') return formatFloatV(v);
    return String(v);
  });
  return `[${parts.join(' ')}]`;
}
