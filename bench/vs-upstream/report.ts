/** The side-by-side table and the `ratio <figure> <ours/upstream>` lines the command ends with. */
import type { ControllerName } from './controllers.js';

export interface Figure {
  id: string;
  what: string;
  values: Partial<Record<ControllerName, number>>;
  /** Shown in the table but without a ratio line (depends on run order, not on the controller alone). */
  informational?: boolean;
}

export function formatRatio(ours: number | undefined, upstream: number | undefined): string {
  if (ours === undefined || upstream === undefined || Number.isNaN(ours) || Number.isNaN(upstream))
    return 'n/a';
  if (upstream === 0) return ours === 0 ? '1.00' : 'inf';
  return (ours / upstream).toFixed(ours / upstream < 0.1 ? 3 : 2);
}

const show = (v: number | undefined): string =>
  v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);

export function formatTable(figures: Figure[]): string {
  const rows = [
    ['figure', 'what', 'ours', 'upstream', 'ours/upstream'],
    ...figures.map((f) => [
      f.id,
      f.what,
      show(f.values.ours),
      show(f.values.upstream),
      f.informational ? '(info)' : formatRatio(f.values.ours, f.values.upstream),
    ]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')).join('\n');
}

export function formatRatioLines(figures: Figure[]): string {
  return figures
    .filter((f) => !f.informational)
    .map((f) => `ratio ${f.id} ${formatRatio(f.values.ours, f.values.upstream)}`)
    .join('\n');
}

/** The most frequent `verb resource` pairs, for saying where the requests go. */
export function formatTopKinds(byKind: Array<[string, number]>, total: number, n = 6): string {
  return byKind
    .slice(0, n)
    .map(([k, c]) => `${k} ${c} (${((100 * c) / Math.max(total, 1)).toFixed(0)}%)`)
    .join(', ');
}
