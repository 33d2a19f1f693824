import type {
  AnalysisRunInfo,
  ExperimentInfo,
  PodInfo,
  ReplicaSetInfo,
  RolloutInfo,
} from '../../core/rollout-info/index.js';
import { formatAge } from './age.js';
import type { Paint } from './color.js';
import { type Cell, formatColumns } from './columns.js';

/** The kind icons of the plugin's tree (spec §5). */
const KIND_ICONS = {
  Rollout: '⟳',
  Revision: '#',
  ReplicaSet: '⧉',
  Pod: '□',
  AnalysisRun: 'α',
  Experiment: 'Σ',
  Job: '⊞',
} as const;

interface Node {
  name: string;
  kind: keyof typeof KIND_ICONS | '';
  status?: { icon: string; text: string };
  age?: number;
  info?: string;
  children: Node[];
}

/** The `NAME KIND STATUS AGE INFO` tree of `get rollout` (spec §5): revisions newest first. */
export function renderRolloutTree(info: RolloutInfo, paint: Paint): string {
  const root: Node = {
    name: info.name,
    kind: 'Rollout',
    status: { icon: info.icon, text: info.status },
    ...(info.ageSeconds !== undefined ? { age: info.ageSeconds } : {}),
    children: info.revisions.map((r) => ({
      name: `revision:${r.revision}`,
      kind: '',
      children: [
        ...r.replicaSets.map(replicaSetNode),
        ...r.experiments.map(experimentNode),
        ...r.analysisRuns.map(analysisRunNode),
      ],
    })),
  };
  const rows: Array<Array<Cell | string>> = [['NAME', 'KIND', 'STATUS', 'AGE', 'INFO']];
  walk(root, '', '', rows, paint);
  return formatColumns(rows);
}

function walk(
  node: Node,
  prefix: string,
  childPrefix: string,
  rows: Array<Array<Cell | string>>,
  paint: Paint,
): void {
  const icon = node.kind === '' ? KIND_ICONS.Revision : KIND_ICONS[node.kind];
  const status: Cell = node.status
    ? {
        text: `${node.status.icon} ${node.status.text}`,
        painted: paint(`${node.status.icon} ${node.status.text}`, node.status.icon),
      }
    : { text: '' };
  rows.push([
    `${prefix}${icon} ${node.name}`,
    node.kind,
    status,
    node.age !== undefined ? formatAge(node.age) : '',
    node.info ?? '',
  ]);
  node.children.forEach((child, i) => {
    const last = i === node.children.length - 1;
    walk(
      child,
      `${childPrefix}${last ? '└──' : '├──'}`,
      `${childPrefix}${last ? '   ' : '│  '}`,
      rows,
      paint,
    );
  });
}

function replicaSetNode(rs: ReplicaSetInfo): Node {
  const roles = [
    rs.stable && 'stable',
    rs.canary && 'canary',
    rs.active && 'active',
    rs.preview && 'preview',
    rs.ping && 'ping',
    rs.pong && 'pong',
  ].filter((x): x is string => typeof x === 'string');
  if (rs.scaleDownDelaySeconds !== undefined && rs.replicas > 0)
    roles.push(
      rs.scaleDownDelaySeconds > 0 ? `delay:${rs.scaleDownDelaySeconds}s` : 'delay:passed',
    );
  return {
    name: rs.name,
    kind: 'ReplicaSet',
    status: { icon: rs.icon, text: rs.status },
    ...age(rs.ageSeconds),
    info: roles.join(','),
    children: rs.pods.map(podNode),
  };
}

function podNode(pod: PodInfo): Node {
  return {
    name: pod.name,
    kind: 'Pod',
    status: { icon: pod.icon, text: pod.status },
    ...age(pod.ageSeconds),
    info: `ready:${pod.ready}${pod.restarts > 0 ? `,restarts:${pod.restarts}` : ''}`,
    children: [],
  };
}

function experimentNode(exp: ExperimentInfo): Node {
  return {
    name: exp.name,
    kind: 'Experiment',
    status: { icon: exp.icon, text: exp.status },
    ...age(exp.ageSeconds),
    children: [...exp.replicaSets.map(replicaSetNode), ...exp.analysisRuns.map(analysisRunNode)],
  };
}

function analysisRunNode(run: AnalysisRunInfo): Node {
  const counts = [
    run.successful && `✔ ${run.successful}`,
    run.failed && `✖ ${run.failed}`,
    run.inconclusive && `? ${run.inconclusive}`,
    run.error && `⚠ ${run.error}`,
  ].filter((x): x is string => typeof x === 'string');
  const jobs = run.jobs.map((j): Node => ({
    name: j.name,
    kind: 'Job',
    status: { icon: j.icon, text: j.status },
    ...age(j.ageSeconds),
    children: [],
  }));
  return {
    name: run.name,
    kind: 'AnalysisRun',
    status: { icon: run.icon, text: run.status },
    ...age(run.ageSeconds),
    info: counts.join(','),
    children: jobs,
  };
}

function age(seconds: number | undefined): { age?: number } {
  return seconds === undefined ? {} : { age: seconds };
}
