// kubectl's pod row: printPod in pkg/printers/internalversion/printers.go, including init/sidecar containers.
import { humanDuration, parseTimestamp } from './human-duration.js';
import { int, isRecord, list, metadata, nameOf, rec, str, type Json } from './json-view.js';
import { AGE_COLUMN, NAME_COLUMN, ageOf, column } from './printer-kit.js';
import type { TableCell, TablePrinter, TableRowCondition } from './types.js';

const COLUMNS = [
  NAME_COLUMN,
  column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'The aggregate status of the containers in this pod.'),
  column(
    'Restarts',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  AGE_COLUMN,
  column('IP', 'podIP address allocated to the pod. Routable at least within the cluster.', {
    wide: true,
  }),
  column('Node', 'NodeName is a request to schedule this pod onto a specific node.', {
    wide: true,
  }),
  column(
    'Nominated Node',
    'nominatedNodeName is set only when this pod preempts other pods on the node.',
    { wide: true },
  ),
  column(
    'Readiness Gates',
    'If specified, all readiness gates will be evaluated for pod readiness.',
    { wide: true },
  ),
];

const NODE_UNREACHABLE_REASON = 'NodeLost';

const isRestartable = (container: Json | undefined): boolean =>
  container?.restartPolicy === 'Always';

const hasCondition = (status: Json, type: string): boolean =>
  list(status.conditions).some((c) => rec(c).type === type && rec(c).status === 'True');

/** FinishedAt of the container's last termination, 0 when none. */
const lastTerminated = (cs: Json): number =>
  parseTimestamp(rec(rec(cs.lastState).terminated).finishedAt) || 0;

function terminatedText(terminated: Json, prefix: string): string {
  const signal = int(terminated.signal);
  return signal !== 0
    ? `${prefix}Signal:${signal}`
    : `${prefix}ExitCode:${int(terminated.exitCode)}`;
}

interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  lastRestart: number;
}

/** READY, STATUS and RESTARTS exactly as kube-apiserver derives them. */
export function summarizePod(pod: unknown): PodSummary {
  const spec = rec(rec(pod).spec);
  const status = rec(rec(pod).status);
  const phase = str(status.phase);
  let reason = str(status.reason) || phase;
  if (
    list(status.conditions).some(
      (c) => rec(c).type === 'PodScheduled' && rec(c).reason === 'SchedulingGated',
    )
  ) {
    reason = 'SchedulingGated';
  }
  const initSpecs = list(spec.initContainers).map(rec);
  const initByName = new Map(initSpecs.map((c) => [str(c.name), c]));
  const total = list(spec.containers).length + initSpecs.filter(isRestartable).length;
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let lastSidecarRestart = 0;

  let initializing = false;
  const initStatuses = list(status.initContainerStatuses).map(rec);
  for (const [i, cs] of initStatuses.entries()) {
    restarts += int(cs.restartCount);
    lastRestart = Math.max(lastRestart, lastTerminated(cs));
    const sidecar = isRestartable(initByName.get(str(cs.name)));
    if (sidecar) {
      sidecarRestarts += int(cs.restartCount);
      lastSidecarRestart = Math.max(lastSidecarRestart, lastTerminated(cs));
    }
    const state = rec(cs.state);
    const terminated = isRecord(state.terminated) ? state.terminated : undefined;
    const waitingReason = str(rec(state.waiting).reason);
    if (terminated && int(terminated.exitCode) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready === true) ready++;
      continue;
    }
    if (terminated)
      reason = str(terminated.reason)
        ? `Init:${str(terminated.reason)}`
        : terminatedText(terminated, 'Init:');
    else if (waitingReason && waitingReason !== 'PodInitializing') reason = `Init:${waitingReason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(status, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    for (const cs of list(status.containerStatuses).map(rec).reverse()) {
      restarts += int(cs.restartCount);
      lastRestart = Math.max(lastRestart, lastTerminated(cs));
      const state = rec(cs.state);
      const terminated = isRecord(state.terminated) ? state.terminated : undefined;
      const waitingReason = str(rec(state.waiting).reason);
      if (waitingReason) reason = waitingReason;
      else if (terminated && str(terminated.reason)) reason = str(terminated.reason);
      else if (terminated) reason = terminatedText(terminated, '');
      else if (cs.ready === true && isRecord(state.running)) {
        hasRunning = true;
        ready++;
      }
    }
    // A pod whose last container completed while another still runs is not "Completed".
    if (reason === 'Completed' && hasRunning)
      reason = hasCondition(status, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting =
    metadata(pod).deletionTimestamp !== undefined && metadata(pod).deletionTimestamp !== null;
  if (deleting && str(status.reason) === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  return { ready, total, reason, restarts, lastRestart };
}

function readinessGates(spec: Json, status: Json): string {
  const gates = list(spec.readinessGates).map((g) => str(rec(g).conditionType));
  if (gates.length === 0) return '<none>';
  const conditions = list(status.conditions).map(rec);
  const passed = gates.filter(
    (type) => conditions.find((c) => c.type === type)?.status === 'True',
  ).length;
  return `${passed}/${gates.length}`;
}

function podCells(pod: unknown, now: Date): TableCell[] {
  const spec = rec(rec(pod).spec);
  const status = rec(rec(pod).status);
  const s = summarizePod(pod);
  const restarts =
    s.restarts !== 0 && s.lastRestart !== 0
      ? `${s.restarts} (${humanDuration(now.getTime() - s.lastRestart)} ago)`
      : String(s.restarts);
  // The v1 conversion fills podIPs from podIP, so either names the primary IP.
  const ip = str(rec(list(status.podIPs)[0]).ip) || str(status.podIP);
  return [
    nameOf(pod),
    `${s.ready}/${s.total}`,
    s.reason,
    restarts,
    ageOf(pod, now),
    ip || '<none>',
    str(spec.nodeName) || '<none>',
    str(status.nominatedNodeName) || '<none>',
    readinessGates(spec, status),
  ];
}

function podConditions(pod: unknown): TableRowCondition[] | undefined {
  const phase = rec(rec(pod).status).phase;
  if (phase === 'Succeeded') {
    return [
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ];
  }
  if (phase === 'Failed')
    return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  return undefined;
}

export const POD_PRINTER: TablePrinter = {
  columns: COLUMNS,
  cells: podCells,
  conditions: podConditions,
};
