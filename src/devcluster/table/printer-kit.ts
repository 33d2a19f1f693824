// Column and cell helpers shared by the built-in printers (pkg/printers/internalversion/printers.go).
import {
  formatLabelSelector,
  labelSelectorFromObject,
  type LabelSelectorObject,
} from '../selectors/index.js';
import { age } from './human-duration.js';
import { creationOf, isRecord, list, rec, str } from './json-view.js';
import type { TableColumnDefinition } from './types.js';

export const NAME_DESCRIPTION =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a ' +
  'client to request the generation of an appropriate name automatically. Name is primarily intended for creation ' +
  'idempotence and configuration definition. Cannot be updated. More info: ' +
  'https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';

export const CREATION_DESCRIPTION =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed ' +
  'to be set in happens-before order across separate operations. Clients may not set this value. It is represented ' +
  'in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: ' +
  'https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

/** A column definition; `wide` columns (priority 1) show only with `-o wide`. */
export function column(
  name: string,
  description: string,
  opts: { type?: string; wide?: boolean; format?: string } = {},
): TableColumnDefinition {
  return {
    name,
    type: opts.type ?? 'string',
    format: opts.format ?? '',
    description,
    priority: opts.wide ? 1 : 0,
  };
}

export const NAME_COLUMN = column('Name', NAME_DESCRIPTION, { format: 'name' });
export const AGE_COLUMN = column('Age', CREATION_DESCRIPTION);

export const CONTAINER_COLUMNS: readonly TableColumnDefinition[] = [
  column('Containers', 'Names of each container in the template.', { wide: true }),
  column('Images', 'Images referenced by each container in the template.', { wide: true }),
];

/** The Age cell of every built-in printer. */
export const ageOf = (obj: unknown, now: Date): string => age(creationOf(obj), now);

/** layoutContainerCells: container names and images of a pod template, comma-joined. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = list(rec(podSpec).containers).map(rec);
  return [
    containers.map((c) => str(c.name)).join(','),
    containers.map((c) => str(c.image)).join(','),
  ];
}

/** labels.FormatLabels: sorted `k=v` pairs, "<none>" when empty. */
export function formatLabels(labels: unknown): string {
  const entries = Object.entries(rec(labels))
    .map(([k, v]) => `${k}=${str(v)}`)
    .sort();
  return entries.length === 0 ? '<none>' : entries.join(',');
}

/** The canonical text of a metav1.LabelSelector; undefined when it is invalid. */
export function selectorText(selector: unknown): string | undefined {
  try {
    return formatLabelSelector(
      labelSelectorFromObject(isRecord(selector) ? (selector as LabelSelectorObject) : null),
    );
  } catch {
    return undefined;
  }
}

/** metav1.FormatLabelSelector: "<none>" for an empty selector, "<error>" for an invalid one. */
export function formatSelectorCell(selector: unknown): string {
  const text = selectorText(selector);
  return text === undefined ? '<error>' : text === '' ? '<none>' : text;
}

/** intstr.IntOrString.String(). */
export function intOrString(v: unknown): string {
  return typeof v === 'number' ? String(Math.trunc(v)) : str(v);
}
