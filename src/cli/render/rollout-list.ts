import type { RolloutSummary } from '../../core/rollout-info/index.js';
import { formatColumns } from './columns.js';

/** `list rollouts` (spec §5): NAME STRATEGY STATUS STEP SET-WEIGHT READY DESIRED UP-TO-DATE AVAILABLE, NAMESPACE first with `-A`. */
export function renderRolloutList(
  rollouts: readonly RolloutSummary[],
  withNamespace: boolean,
): string {
  const head = [
    'NAME',
    'STRATEGY',
    'STATUS',
    'STEP',
    'SET-WEIGHT',
    'READY',
    'DESIRED',
    'UP-TO-DATE',
    'AVAILABLE',
  ];
  const rows = rollouts.map((r) => [
    r.name,
    r.strategy,
    r.status,
    r.step ?? '-',
    r.setWeight !== undefined ? String(r.setWeight) : '-',
    `${r.ready}/${r.current}`,
    String(r.desired),
    String(r.updated),
    String(r.available),
  ]);
  const all = [head, ...rows].map((row, i) =>
    withNamespace ? [i === 0 ? 'NAMESPACE' : (rollouts[i - 1]?.namespace ?? ''), ...row] : row,
  );
  return formatColumns(all);
}
