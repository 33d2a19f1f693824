import type { RolloutInfo } from '../../core/rollout-info/index.js';
import type { Paint } from './color.js';

const LABEL_WIDTH = 17;

function line(label: string, value: string, indent = ''): string {
  const head = `${indent}${label}:`;
  return `${head.padEnd(LABEL_WIDTH)}${value}`.trimEnd();
}

/**
 * The header of `get rollout` (spec §5): name, namespace, status with its icon, message, strategy
 * with step and weights (canary), images tagged with their roles, and replica counts.
 */
export function renderRolloutHeader(info: RolloutInfo, paint: Paint): string {
  const lines = [
    line('Name', info.name),
    line('Namespace', info.namespace),
    line('Status', paint(`${info.icon} ${info.status}`, info.icon)),
  ];
  if (info.message) lines.push(line('Message', info.message));
  lines.push(line('Strategy', info.strategy));
  if (info.strategy === 'Canary') {
    lines.push(line('Step', info.step ?? '-', '  '));
    lines.push(line('SetWeight', String(info.setWeight ?? 0), '  '));
    lines.push(line('ActualWeight', String(info.actualWeight ?? 0), '  '));
  }
  const images = info.images.map((i) =>
    i.tags.length ? `${i.image} (${i.tags.join(', ')})` : i.image,
  );
  lines.push(line('Images', images[0] ?? ''));
  for (const image of images.slice(1)) lines.push(`${' '.repeat(LABEL_WIDTH)}${image}`);
  lines.push('Replicas:');
  lines.push(line('Desired', String(info.desired), '  '));
  lines.push(line('Current', String(info.current), '  '));
  lines.push(line('Updated', String(info.updated), '  '));
  lines.push(line('Ready', String(info.ready), '  '));
  lines.push(line('Available', String(info.available), '  '));
  for (const error of info.errors) lines.push(line('Error', error));
  return lines.join('\n');
}
