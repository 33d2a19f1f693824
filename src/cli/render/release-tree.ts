import { summarizeRelease } from '../../core/fleet/release-summary.js';
import { rolloutIcon } from '../../core/rollout-info/index.js';
import type { Release, ReleaseHold } from '../../domain/fleet.js';
import { formatAge } from './age.js';
import type { Paint } from './color.js';
import { type Cell, formatColumns } from './columns.js';
import { secondsUntil, stateCell } from './release-list.js';

const LABEL_WIDTH = 16;

function line(label: string, value: string): string {
  return `${`${label}:`.padEnd(LABEL_WIDTH)}${value}`.trimEnd();
}

/** `2026-01-05T12:00:00Z (in 2h)` or `… (12m ago)`. */
function when(iso: string, now: number): string {
  const s = secondsUntil(iso, now) ?? NaN;
  return `${iso} (${s >= 0 ? `in ${formatAge(s)}` : `${formatAge(-s)} ago`})`;
}

function describeHold(hold: ReleaseHold, now: number): string {
  return `${hold.kind}: ${hold.reason}${hold.until ? `, until ${when(hold.until, now)}` : ', until cleared'}`;
}

/**
 * `rollouts releases get NAME` (issue 21 §6): the release's header (phase, times, what holds it
 * and until when, where and why it failed, what superseded it), then its waves as a tree: each
 * wave's state and soak, its clusters' states, and the Rollouts the commit changed there.
 */
export function renderReleaseDetail(release: Release, now: number, paint: Paint): string {
  const r = summarizeRelease(release);
  const head = [
    line('Name', r.name),
    line('Namespace', r.namespace),
    line('Source', r.source),
    line('Commit', r.commit),
    line('Phase', stateCell(r.phase, paint).painted ?? r.phase),
    line('Committed', when(r.committedAt, now)),
  ];
  if (r.startedAt) head.push(line('Started', when(r.startedAt, now)));
  if (r.healthyAt) head.push(line('Healthy', when(r.healthyAt, now)));
  if (r.finishedAt) head.push(line('Finished', when(r.finishedAt, now)));
  if (r.heldBy) head.push(line('Held by', describeHold(r.heldBy, now)));
  if (r.failure) {
    const f = r.failure;
    head.push(line('Failure', `${f.cluster} ${f.namespace}/${f.name}: ${f.reason} (${f.at})`));
  }
  if (r.supersededBy) head.push(line('Superseded by', r.supersededBy));

  const rows: Array<Array<Cell | string>> = [['WAVE', 'STATE', 'INFO']];
  for (const wave of r.waves) {
    const soak = wave.soakUntil ? `soak until ${when(wave.soakUntil, now)}` : '';
    rows.push([`wave ${wave.index + 1}`, stateCell(wave.state, paint), soak]);
    const stored = release.status?.waves[wave.index]?.clusters ?? [];
    wave.clusters.forEach((c, i) => {
      const lastCluster = i === wave.clusters.length - 1;
      const rollouts = stored.find((s) => s.name === c.name)?.rollouts ?? [];
      rows.push([`${lastCluster ? '└──' : '├──'}${c.name}`, stateCell(c.state, paint), '']);
      rollouts.forEach((ro, j) => {
        const branch = `${lastCluster ? '   ' : '│  '}${j === rollouts.length - 1 ? '└──' : '├──'}`;
        const hold = ro.held ? `,held:${ro.held}` : '';
        const abort = ro.abortRequested ? ',abort requested' : '';
        const icon = rolloutIcon(ro.phase ?? 'Unknown');
        const phase = `${icon} ${ro.phase ?? 'Unknown'}`;
        rows.push([
          `${branch}${ro.namespace}/${ro.name}`,
          { text: phase, painted: paint(phase, icon) },
          `revision:${ro.revision}${hold}${abort}`,
        ]);
      });
    });
  }
  return `${head.join('\n')}\n\n${formatColumns(rows)}`;
}
