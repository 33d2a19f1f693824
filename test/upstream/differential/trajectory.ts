/**
 * The observable state of one Rollout at one logical point of a scenario, with everything that
 * legitimately differs between two runs (uids, timestamps, pod-template hashes, random suffixes)
 * normalised away, and the comparison of two trajectories (issue 17 deliverable 3). Pure.
 */
import { describeIngress, describeTrafficSplit, describeVirtualService } from './routed-objects.js';

export interface KubeObj {
  kind?: string;
  metadata: {
    name: string;
    ownerReferences?: { kind: string; name: string }[];
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown> & { replicas?: number; selector?: Record<string, string> };
  status?: Record<string, unknown>;
}

export interface Health {
  status: string;
  message: string;
}

export interface Observed {
  rollout: KubeObj;
  replicaSets: KubeObj[];
  analysisRuns: KubeObj[];
  experiments: KubeObj[];
  services: KubeObj[];
  ingresses: KubeObj[];
  virtualServices: KubeObj[];
  trafficSplits: KubeObj[];
  /** Events of the namespace (`reason` and `involvedObject.kind` are what a point keeps). */
  events: KubeObj[];
  /** Argo CD's health (its own Lua scripts) of the Rollout and of each AnalysisRun and Experiment, by `Kind/name`. */
  health: Record<string, Health>;
}

/** The objects Argo CD has a Lua health check for, keyed as `Observed.health` is. */
export function healthKeysOf(o: Omit<Observed, 'health'>): [string, KubeObj][] {
  return [
    ['Rollout', o.rollout],
    ...o.analysisRuns.map((r): [string, KubeObj] => [`AnalysisRun/${r.metadata.name}`, r]),
    ...o.experiments.map((e): [string, KubeObj] => [`Experiment/${e.metadata.name}`, e]),
  ];
}

/** One point: flat `key → value` pairs, so two points compare field by field. */
export type Point = Record<string, string>;

const HASH_LABEL = 'rollouts-pod-template-hash';
const REVISION = 'rollout.argoproj.io/revision';

/** Replaces each pod-template hash by the ReplicaSet's image, the one name both runs share. */
function hashNamer(replicaSets: KubeObj[]): (text: string) => string {
  const names = new Map<string, string>();
  for (const rs of replicaSets) {
    const hash = rs.metadata.labels?.[HASH_LABEL];
    const spec = rs.spec as
      { template?: { spec?: { containers?: { image?: string }[] } } } | undefined;
    if (hash) names.set(hash, `<${spec?.template?.spec?.containers?.[0]?.image ?? '?'}>`);
  }
  return (text) => {
    let out = text;
    for (const [hash, name] of names) out = out.split(hash).join(name);
    return out;
  };
}

const str = (v: unknown): string =>
  v === undefined || v === null ? '-' : typeof v === 'string' ? v : JSON.stringify(v);
/**
 * Upstream's Go status omits zero values (`omitempty`: no `message` when empty, no count when 0)
 * where ours writes "" and 0; every reader (the plugin, Argo CD's Lua, jsonpath) treats both alike,
 * so a point does too (README: "Upstream Argo Rollouts as oracle", explained differences).
 */
const count = (v: unknown): string => (v === undefined || v === null ? '0' : JSON.stringify(v));

const healthOf = (o: Observed, key: string, name: (t: string) => string): string => {
  const h = o.health[key];
  return h ? `${h.status}: ${name(h.message)}` : '-';
};

/** `k=v,…` sorted, with hashes named. */
const labelsOf = (obj: KubeObj, name: (t: string) => string): string =>
  Object.entries(obj.metadata.labels ?? {})
    .map(([k, v]) => `${k}=${name(v)}`)
    .sort()
    .join(',');

/** The distinct reasons of the events about Rollouts, AnalysisRuns and Experiments, by kind. */
function eventReasons(events: KubeObj[]): Point {
  const byKind = new Map<string, Set<string>>();
  for (const e of events) {
    const ev = e as KubeObj & { reason?: string; involvedObject?: { kind?: string } };
    const kind = ev.involvedObject?.kind ?? '?';
    if (!['Rollout', 'AnalysisRun', 'Experiment'].includes(kind)) continue;
    const reasons = byKind.get(kind) ?? new Set<string>();
    reasons.add(ev.reason ?? '?');
    byKind.set(kind, reasons);
  }
  return Object.fromEntries(
    [...byKind].map(([kind, reasons]) => [`events ${kind}`, [...reasons].sort().join(',')]),
  );
}

export function buildPoint(o: Observed): Point {
  const name = hashNamer(o.replicaSets);
  const s = (o.rollout.status ?? {}) as Record<string, unknown> & {
    pauseConditions?: { reason: string }[];
    conditions?: { type: string; status: string; reason: string }[];
    canary?: {
      weights?: {
        canary?: { weight?: number };
        stable?: { weight?: number };
        additional?: unknown[];
      };
    };
    blueGreen?: { activeSelector?: string; previewSelector?: string };
  };
  const point: Point = {
    phase: str(s.phase),
    message: name(typeof s.message === 'string' ? s.message : ''),
    observed: String(String(s.observedGeneration) === String(o.rollout.metadata.generation)),
    currentStepIndex: str(s.currentStepIndex),
    pauseConditions: (s.pauseConditions ?? []).map((p) => p.reason).join(',') || '-',
    controllerPause: str(s.controllerPause ?? false),
    abort: str(s.abort ?? false),
    conditions:
      (s.conditions ?? [])
        .map((c) => `${c.type}/${c.status}/${c.reason}`)
        .sort()
        .join(' ') || '-',
    stableRS: name(str(s.stableRS)),
    currentPodHash: name(str(s.currentPodHash)),
    canaryWeight: str(s.canary?.weights?.canary?.weight),
    stableWeight: str(s.canary?.weights?.stable?.weight),
    activeSelector: name(str(s.blueGreen?.activeSelector)),
    previewSelector: name(str(s.blueGreen?.previewSelector)),
    replicas: `${count(s.replicas)}/${count(s.updatedReplicas)}/${count(s.readyReplicas)}/${count(s.availableReplicas)}`,
    argoCdHealth: healthOf(o, 'Rollout', name),
    ...eventReasons(o.events),
  };
  for (const rs of o.replicaSets) {
    const st = (rs.status ?? {}) as { readyReplicas?: number };
    point[`rs ${name(rs.metadata.labels?.[HASH_LABEL] ?? '?')}`] =
      `rev ${rs.metadata.annotations?.[REVISION] ?? '?'}, ${rs.spec?.replicas ?? 0} replicas, ${st.readyReplicas ?? 0} ready`;
  }
  for (const svc of o.services)
    point[`service ${svc.metadata.name}`] = name(str(svc.spec?.selector));
  for (const ing of o.ingresses) point[`ingress ${name(ing.metadata.name)}`] = describeIngress(ing);
  for (const vs of o.virtualServices)
    point[`virtualservice ${vs.metadata.name}`] = describeVirtualService(vs);
  for (const ts of o.trafficSplits)
    point[`trafficsplit ${ts.metadata.name}`] = name(describeTrafficSplit(ts));
  for (const run of o.analysisRuns) {
    const st = (run.status ?? {}) as { phase?: string };
    point[`analysisrun ${name(run.metadata.name)}`] =
      `${str(st.phase)} [${labelsOf(run, name)}] health ${healthOf(o, `AnalysisRun/${run.metadata.name}`, name)}`;
  }
  for (const ex of o.experiments) {
    const st = (ex.status ?? {}) as { phase?: string };
    point[`experiment ${name(ex.metadata.name)}`] =
      `${str(st.phase)} [${labelsOf(ex, name)}] health ${healthOf(o, `Experiment/${ex.metadata.name}`, name)}`;
  }
  return point;
}

export interface Labelled {
  /** The logical point: what the scenario just did ("created", "after set image"…). */
  label: string;
  point: Point;
}

const isEvents = (key: string) => key.startsWith('events ');

/**
 * Event reasons as one line per reason one side lacks. They compare at the last point only, as
 * the reasons of the whole scenario: both controllers write events asynchronously (upstream
 * through client-go's broadcaster), so a reason may land just after a point settles.
 */
function diffEvents(label: string, i: number, a: Point, b: Point): string[] {
  const out: string[] = [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(isEvents).sort();
  for (const key of keys) {
    const [x, y] = [new Set((a[key] ?? '').split(',')), new Set((b[key] ?? '').split(','))];
    for (const r of [...x].filter((r) => r && !y.has(r)))
      out.push(`point ${i} (${label}): ${key}: ${r} only upstream`);
    for (const r of [...y].filter((r) => r && !x.has(r)))
      out.push(`point ${i} (${label}): ${key}: ${r} only ours`);
  }
  return out;
}

/** Every field that differs between the two runs, point by point, as readable lines. */
export function diffTrajectories(upstream: Labelled[], ours: Labelled[]): string[] {
  const out: string[] = [];
  const n = Math.max(upstream.length, ours.length);
  for (let i = 0; i < n; i++) {
    const a = upstream[i];
    const b = ours[i];
    if (!a || !b) {
      out.push(
        `point ${i} (${(a ?? b)?.label ?? '?'}): only ${a ? 'upstream' : 'ours'} reached it`,
      );
      continue;
    }
    const keys = [...new Set([...Object.keys(a.point), ...Object.keys(b.point)])];
    for (const key of keys.filter((k) => !isEvents(k)).sort()) {
      const [x, y] = [a.point[key] ?? '(absent)', b.point[key] ?? '(absent)'];
      if (x !== y)
        out.push(
          `point ${i} (${a.label}): ${key}: upstream ${JSON.stringify(x)}, ours ${JSON.stringify(y)}`,
        );
    }
    if (i === n - 1) out.push(...diffEvents(a.label, i, a.point, b.point));
  }
  return out;
}
