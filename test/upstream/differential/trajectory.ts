/**
 * The observable state of one Rollout at one logical point of a scenario, with everything that
 * legitimately differs between two runs (uids, timestamps, pod-template hashes, random suffixes)
 * normalised away, and the comparison of two trajectories (issue 17 deliverable 3). Pure.
 */

export interface KubeObj {
  metadata: {
    name: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown> & { replicas?: number; selector?: Record<string, string> };
  status?: Record<string, unknown>;
}

export interface Observed {
  rollout: KubeObj;
  replicaSets: KubeObj[];
  analysisRuns: KubeObj[];
  services: KubeObj[];
  /** Argo CD's health of the Rollout, from its own Lua script. */
  health: { status: string; message: string };
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

export function buildPoint(o: Observed): Point {
  const name = hashNamer(o.replicaSets);
  const s = (o.rollout.status ?? {}) as Record<string, unknown> & {
    pauseConditions?: { reason: string }[];
    conditions?: { type: string; status: string; reason: string }[];
    canary?: { weights?: { canary?: { weight?: number }; stable?: { weight?: number } } };
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
    activeSelector: name(str(s.blueGreen?.activeSelector)),
    previewSelector: name(str(s.blueGreen?.previewSelector)),
    replicas: `${count(s.replicas)}/${count(s.updatedReplicas)}/${count(s.readyReplicas)}/${count(s.availableReplicas)}`,
    argoCdHealth: `${o.health.status}: ${name(o.health.message)}`,
  };
  for (const rs of o.replicaSets) {
    const st = (rs.status ?? {}) as { readyReplicas?: number };
    point[`rs ${name(rs.metadata.labels?.[HASH_LABEL] ?? '?')}`] =
      `rev ${rs.metadata.annotations?.[REVISION] ?? '?'}, ${rs.spec?.replicas ?? 0} replicas, ${st.readyReplicas ?? 0} ready`;
  }
  for (const svc of o.services)
    point[`service ${svc.metadata.name}`] = name(str(svc.spec?.selector?.[HASH_LABEL]));
  for (const run of o.analysisRuns) {
    const st = (run.status ?? {}) as { phase?: string };
    point[`analysisrun ${name(run.metadata.name)}`] =
      `${str(st.phase)} ${str(run.metadata.labels?.['rollout-type'])}`;
  }
  return point;
}

export interface Labelled {
  /** The logical point: what the scenario just did ("created", "after set image"…). */
  label: string;
  point: Point;
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
    for (const key of [...new Set([...Object.keys(a.point), ...Object.keys(b.point)])].sort()) {
      const [x, y] = [a.point[key] ?? '(absent)', b.point[key] ?? '(absent)'];
      if (x !== y)
        out.push(
          `point ${i} (${a.label}): ${key}: upstream ${JSON.stringify(x)}, ours ${JSON.stringify(y)}`,
        );
    }
  }
  return out;
}
