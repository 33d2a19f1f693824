/** One table cell: plain text, plus the text to print when it is painted (same visible width). */
export interface Cell {
  text: string;
  painted?: string;
}

/** Visible width: code points, as the icons and box-drawing characters are one column each. */
export function widthOf(text: string): number {
  return [...text].length;
}

/**
 * Left-aligned columns separated by two spaces, as kubectl's tabwriter lays them out; the last
 * column is not padded. Widths come from the plain text so colour codes do not shift columns.
 */
export function formatColumns(rows: ReadonlyArray<ReadonlyArray<Cell | string>>): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'string' ? { text: c } : c)));
  const widths: number[] = [];
  for (const row of cells)
    row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, widthOf(c.text))));
  return cells
    .map((row) =>
      row
        .map((c, i) => {
          const shown = c.painted ?? c.text;
          return i === row.length - 1
            ? shown
            : shown + ' '.repeat((widths[i] ?? 0) - widthOf(c.text) + 2);
        })
        .join('')
        .trimEnd(),
    )
    .join('\n');
}
