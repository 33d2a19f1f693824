// Rows for ReplicaSet, Deployment, Job and PodDisruptionBudget (printReplicaSet, printDeployment, printJob,
// printPodDisruptionBudget in pkg/printers/internalversion/printers.go).
import { humanDuration, parseTimestamp } from './human-duration.js';
import { int, list, metadata, nameOf, rec, type Json } from './json-view.js';
import {
  AGE_COLUMN,
  CONTAINER_COLUMNS,
  NAME_COLUMN,
  ageOf,
  column,
  containerCells,
  formatSelectorCell,
  intOrString,
  selectorText,
} from './printer-kit.js';
import type { TablePrinter } from './types.js';

const SELECTOR_DESCRIPTION = 'A label query over pods that should match the replica count.';

/** spec.replicas, defaulted to 1 as the apps/v1 defaulting does. */
const desiredReplicas = (spec: Json): number =>
  spec.replicas === undefined ? 1 : int(spec.replicas);
const templateSpec = (spec: Json): unknown => rec(spec.template).spec;

export const REPLICA_SET_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'Replicas is the number of desired replicas.', { type: 'integer' }),
    column('Current', 'Replicas is the most recently observed number of replicas.', {
      type: 'integer',
    }),
    column('Ready', 'The number of ready replicas for this replica set.', { type: 'integer' }),
    AGE_COLUMN,
    ...CONTAINER_COLUMNS,
    column('Selector', SELECTOR_DESCRIPTION, { wide: true }),
  ],
  cells(rs, now) {
    const spec = rec(rec(rs).spec);
    const status = rec(rec(rs).status);
    return [
      nameOf(rs),
      desiredReplicas(spec),
      int(status.replicas),
      int(status.readyReplicas),
      ageOf(rs, now),
      ...containerCells(templateSpec(spec)),
      formatSelectorCell(spec.selector),
    ];
  },
};

export const DEPLOYMENT_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'Number of the pod with ready state'),
    column(
      'Up-to-date',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    ),
    column(
      'Available',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    AGE_COLUMN,
    ...CONTAINER_COLUMNS,
    column('Selector', 'Label selector for pods.', { wide: true }),
  ],
  cells(deploy, now) {
    const spec = rec(rec(deploy).spec);
    const status = rec(rec(deploy).status);
    return [
      nameOf(deploy),
      `${int(status.readyReplicas)}/${desiredReplicas(spec)}`,
      int(status.updatedReplicas),
      int(status.availableReplicas),
      ageOf(deploy, now),
      ...containerCells(templateSpec(spec)),
      // printDeployment prints selector.String() unformatted: "" rather than "<none>".
      selectorText(spec.selector) ?? '<invalid>',
    ];
  },
};

const jobCondition = (status: Json, type: string): boolean =>
  list(status.conditions)
    .map(rec)
    .find((c) => c.type === type)?.status === 'True';

function jobStatus(job: unknown, status: Json): string {
  if (jobCondition(status, 'Complete')) return 'Complete';
  if (jobCondition(status, 'Failed')) return 'Failed';
  if (metadata(job).deletionTimestamp) return 'Terminating';
  if (jobCondition(status, 'Suspended')) return 'Suspended';
  if (jobCondition(status, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function jobCompletions(spec: Json, status: Json): string {
  const succeeded = int(status.succeeded);
  if (spec.completions !== undefined && spec.completions !== null)
    return `${succeeded}/${int(spec.completions)}`;
  const parallelism = int(spec.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(status: Json, now: Date): string {
  const start = parseTimestamp(status.startTime);
  if (start === undefined || Number.isNaN(start)) return '';
  const end = parseTimestamp(status.completionTime);
  return humanDuration((end === undefined || Number.isNaN(end) ? now.getTime() : end) - start);
}

export const JOB_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'Status of the job.'),
    column('Completions', 'The number of pods which reached phase Succeeded.'),
    column('Duration', 'Time required to complete the job.'),
    AGE_COLUMN,
    ...CONTAINER_COLUMNS,
    column('Selector', 'A label query over pods that should match the pod count.', { wide: true }),
  ],
  cells(job, now) {
    const spec = rec(rec(job).spec);
    const status = rec(rec(job).status);
    return [
      nameOf(job),
      jobStatus(job, status),
      jobCompletions(spec, status),
      jobDuration(status, now),
      ageOf(job, now),
      ...containerCells(templateSpec(spec)),
      formatSelectorCell(spec.selector),
    ];
  },
};

export const POD_DISRUPTION_BUDGET_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Min Available', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'Calculated number of pods that may be disrupted at this time.', {
      type: 'integer',
    }),
    AGE_COLUMN,
  ],
  cells(pdb, now) {
    const spec = rec(rec(pdb).spec);
    const status = rec(rec(pdb).status);
    const orNA = (v: unknown): string => (v === undefined || v === null ? 'N/A' : intOrString(v));
    return [
      nameOf(pdb),
      orNA(spec.minAvailable),
      orNA(spec.maxUnavailable),
      int(status.disruptionsAllowed),
      ageOf(pdb, now),
    ];
  },
};
