/**
 * Runs the catalogue under one controller on the real control plane and records each scenario's
 * trajectory: the settled, normalised state (trajectory.ts) after each logical point. A phase
 * starts its controller once and runs the scenarios concurrently, each in its own fresh namespace
 * `<scenario>-<controller>`; the two controllers never run at once (each would reconcile the
 * other's Rollouts), and a phase's namespaces are gone before the next phase starts.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import type { KubeConnection } from '../../../functions/node-kube.js';
import { connectWithKubeconfig } from '../../../functions/node-kube.js';
import { startNodeServer } from '../../../src/runtime/node/index.js';
import { binDir } from '../../../functions/real-cluster/binaries.js';
import { freePort } from '../../../functions/real-cluster/processes.js';
import { assessArgoCdHealth, type CommandResult, runCommand } from '../support.js';
import {
  buildPoint,
  healthKeysOf,
  type KubeObj,
  type Labelled,
  type Observed,
  type Point,
} from './trajectory.js';

export type ControllerName = 'upstream' | 'ours';

export interface RunningController {
  /** The controller's process id (0 when it runs in this process). */
  pid: number;
  stop(): Promise<void>;
}

/** Argo Rollouts' own controller (v1.10.2 from .rollouts/bin), logging to `logFile`. */
export async function startUpstreamController(
  kubeconfig: string,
  logFile: string,
): Promise<RunningController> {
  const args = [
    '--kubeconfig',
    kubeconfig,
    '--leader-elect=false',
    '--loglevel',
    'warn',
    '--healthzPort',
    String(await freePort()),
    '--metricsPort',
    String(await freePort()),
  ];
  const child = spawn(join(binDir, 'rollouts-controller'), args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
      log.end();
    },
  };
}

export async function startOurController(kubeconfig: string): Promise<RunningController> {
  const server = await startNodeServer({
    port: 0,
    kube: connectWithKubeconfig(kubeconfig),
    log: () => undefined,
  });
  return { pid: 0, stop: () => server.close() };
}

export interface ScenarioContext {
  namespace: string;
  /** `kubectl argo rollouts -n <namespace> …` */
  plugin(...args: string[]): Promise<CommandResult>;
  kubectl(...args: string[]): Promise<CommandResult>;
}

export interface ScenarioStep {
  label: string;
  run(ctx: ScenarioContext): Promise<unknown>;
}

export interface Scenario {
  name: string;
  rollout: string;
  /**
   * `probe`: a local HTTP endpoint for Web metrics: `<probe>/ready` answers {"ready":true},
   * `<probe>/broken` {"ready":false}, `<probe>/half` {"ready":0.5}, anything else {"ready":"unknown"}.
   */
  objects(namespace: string, probe: string): object[];
  /** Operations at logical points; the state settles after each before the next. */
  steps: ScenarioStep[];
  /** Differences (diffTrajectories lines) understood and accepted, each with its reason (README). */
  explained?: { pattern: RegExp; reason: string }[];
  /**
   * A difference found and not fixed yet: the scenario still runs and writes its report, and its
   * test is skipped with this text in its title (README lists each).
   */
  open?: string;
}

export interface HarnessEnv {
  kube: KubeConnection;
  env: NodeJS.ProcessEnv;
  dir: string;
  argoCdDir: string;
  probe: string;
}

async function list(kube: KubeConnection, path: string): Promise<KubeObj[]> {
  const res = await kube.fetch(path);
  if (!res.ok) return [];
  return ((await res.json()) as { items: KubeObj[] }).items;
}

const ARGO = '/apis/argoproj.io/v1alpha1/namespaces';

/** Everything a point reads; the namespace holds one scenario, so its objects are the scenario's. */
async function observe(
  h: HarnessEnv,
  ns: string,
  name: string,
): Promise<Omit<Observed, 'health'> | undefined> {
  const res = await h.kube.fetch(`${ARGO}/${ns}/rollouts/${name}`);
  if (!res.ok) return undefined;
  const rollout = (await res.json()) as KubeObj;
  const ownedByRollout = (o: KubeObj) =>
    o.metadata.ownerReferences?.some((r) => r.kind === 'Rollout' && r.name === name) ?? false;
  const [replicaSets, analysisRuns, experiments, services, ingresses, vss, splits, events] =
    await Promise.all([
      list(h.kube, `/apis/apps/v1/namespaces/${ns}/replicasets`),
      list(h.kube, `${ARGO}/${ns}/analysisruns`),
      list(h.kube, `${ARGO}/${ns}/experiments`),
      list(h.kube, `/api/v1/namespaces/${ns}/services`),
      list(h.kube, `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`),
      list(h.kube, `/apis/networking.istio.io/v1alpha3/namespaces/${ns}/virtualservices`),
      list(h.kube, `/apis/split.smi-spec.io/v1alpha1/namespaces/${ns}/trafficsplits`),
      list(h.kube, `/api/v1/namespaces/${ns}/events`),
    ]);
  return {
    rollout: { ...rollout, kind: 'Rollout' },
    replicaSets: replicaSets.filter(ownedByRollout),
    analysisRuns: analysisRuns.map((r) => ({ ...r, kind: 'AnalysisRun' })),
    experiments: experiments.map((e) => ({ ...e, kind: 'Experiment' })),
    services,
    ingresses,
    virtualServices: vss,
    trafficSplits: splits,
    events,
  };
}

async function assessHealth(h: HarnessEnv, o: Omit<Observed, 'health'>): Promise<Observed> {
  const health: Observed['health'] = {};
  for (const [key, obj] of healthKeysOf(o))
    health[key] = await assessArgoCdHealth(obj, h.argoCdDir);
  return { ...o, health };
}

const QUIET_MS = 5_000;
/** A settled point is read twice this far apart and must not change (Services, runs, routes). */
const CONFIRM_MS = 2_000;
const POLL_MS = 500;
const SETTLE_LIMIT_MS = 60_000;

/**
 * What changes while a controller works: the Rollout's status and its ReplicaSets' sizes. Polled
 * alone (two reads), so watching 10 scenarios does not load the API server the controllers share.
 */
async function progressKey(h: HarnessEnv, ns: string, name: string) {
  const res = await h.kube.fetch(`${ARGO}/${ns}/rollouts/${name}`);
  if (!res.ok) return undefined;
  const rollout = (await res.json()) as KubeObj;
  const sets = await list(h.kube, `/apis/apps/v1/namespaces/${ns}/replicasets`);
  const observed =
    String(rollout.status?.observedGeneration) === String(rollout.metadata.generation);
  const key = JSON.stringify([
    rollout.metadata.generation,
    rollout.status,
    sets.map((rs) => [rs.metadata.name, rs.spec?.replicas, rs.status]),
  ]);
  return { key, observed };
}

/**
 * Waits until the Rollout stops changing (generation observed, status and ReplicaSets unchanged
 * for QUIET_MS), then reads the whole point; a point whose full read differs from one more read
 * CONFIRM_MS later is not settled yet and the wait goes on.
 */
async function settle(h: HarnessEnv, ns: string, name: string): Promise<Point> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let last: { key: string; since: number } | undefined;
  let candidate: string | undefined;
  for (;;) {
    const now = await progressKey(h, ns, name);
    if (!now && Date.now() > deadline) return { missing: 'the Rollout does not exist' };
    if (now) {
      if (now.key !== last?.key) last = { key: now.key, since: Date.now() };
      const quiet = Date.now() - last.since >= QUIET_MS;
      const late = Date.now() > deadline;
      if ((now.observed && quiet) || late) {
        const obs = await observe(h, ns, name);
        if (obs) {
          const point = buildPoint({ ...obs, health: {} });
          const key = JSON.stringify(point);
          if (key === candidate || late) {
            const full = buildPoint(await assessHealth(h, obs));
            return late ? { ...full, settled: 'no (still changing at the limit)' } : full;
          }
          candidate = key;
          last = { key: now.key, since: Date.now() - QUIET_MS + CONFIRM_MS };
        }
      }
    }
    await sleep(POLL_MS);
  }
}

const namespaceOf = (scenario: Scenario, controller: ControllerName) =>
  `${scenario.name}-${controller}`;

/** Runs `scenario` in its fresh namespace under the controller already running. */
async function recordTrajectory(
  h: HarnessEnv,
  scenario: Scenario,
  controller: ControllerName,
): Promise<Labelled[]> {
  const ns = namespaceOf(scenario, controller);
  const run = (file: string, args: string[]) =>
    runCommand(file, args, { env: h.env, timeoutMs: 60_000 });
  const ctx: ScenarioContext = {
    namespace: ns,
    plugin: (...args) => run('kubectl', ['argo', 'rollouts', '-n', ns, ...args]),
    kubectl: (...args) => run('kubectl', args),
  };
  await ctx.kubectl('create', 'namespace', ns);
  const file = join(h.dir, `${ns}.yaml`);
  await writeFile(
    file,
    scenario
      .objects(ns, h.probe)
      .map((o) => stringify(o))
      .join('---\n'),
  );
  const applied = await ctx.kubectl('apply', '-f', file);
  if (applied.code !== 0) throw new Error(`kubectl apply: ${applied.stderr}`);
  const trajectory: Labelled[] = [
    { label: 'created', point: await settle(h, ns, scenario.rollout) },
  ];
  for (const step of scenario.steps) {
    await step.run(ctx);
    trajectory.push({ label: step.label, point: await settle(h, ns, scenario.rollout) });
  }
  return trajectory;
}

/**
 * Deletes the phase's Rollouts, AnalysisRuns and Experiments (so the next phase's controller has
 * nothing of this one to reconcile), then their namespaces without waiting for them to go.
 */
async function removeNamespaces(h: HarnessEnv, names: string[]): Promise<void> {
  const kubectl = (args: string[]) =>
    runCommand('kubectl', args, { env: h.env, timeoutMs: 120_000 });
  await Promise.all(
    names.map((ns) =>
      kubectl(['delete', '-n', ns, 'rollouts,analysisruns,experiments', '--all', '--wait=true']),
    ),
  );
  await kubectl(['delete', 'namespace', '--wait=false', ...names]);
}

export type Recorded = { trajectory: Labelled[] } | { error: string };

/**
 * Runs every scenario under `controller`, `concurrency` at a time, and returns each one's
 * trajectory (or why it could not be recorded) by scenario name.
 */
export async function recordPhase(
  h: HarnessEnv,
  scenarios: Scenario[],
  controller: ControllerName,
  concurrency: number,
): Promise<Map<string, Recorded>> {
  const kubeconfig = h.env.KUBECONFIG ?? '';
  const running =
    controller === 'upstream'
      ? await startUpstreamController(kubeconfig, join(h.dir, `controller-${controller}.log`))
      : await startOurController(kubeconfig);
  const recorded = new Map<string, Recorded>();
  const queue = [...scenarios];
  const worker = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      try {
        recorded.set(s.name, { trajectory: await recordTrajectory(h, s, controller) });
      } catch (e) {
        recorded.set(s.name, { error: (e as Error).message });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await running.stop();
    await removeNamespaces(
      h,
      scenarios.map((s) => namespaceOf(s, controller)),
    );
  }
  return recorded;
}
