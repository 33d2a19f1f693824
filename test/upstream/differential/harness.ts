/**
 * Runs one scenario under one controller on the real control plane and records its trajectory:
 * the settled, normalised state (trajectory.ts) after each logical point. The two controllers
 * never run at once: each run starts its controller, works in a fresh namespace, and stops it.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import type { KubeConnection } from '../../../functions/node-kube.js';
import { connectWithKubeconfig } from '../../../functions/node-kube.js';
import { startNodeServer } from '../../../functions/node.js';
import { binDir } from '../../../functions/real-cluster/binaries.js';
import { freePort } from '../../../functions/real-cluster/processes.js';
import { assessArgoCdHealth, type CommandResult, runCommand } from '../support.js';
import {
  buildPoint,
  type KubeObj,
  type Labelled,
  type Observed,
  type Point,
} from './trajectory.js';

export type ControllerName = 'upstream' | 'ours';

export interface RunningController {
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
  return { stop: () => server.close() };
}

export interface ScenarioContext {
  namespace: string;
  /** `kubectl argo rollouts -n <namespace> …` */
  plugin(...args: string[]): Promise<CommandResult>;
  kubectl(...args: string[]): Promise<CommandResult>;
}

export interface Scenario {
  name: string;
  rollout: string;
  /** `probe`: a local HTTP endpoint for Web metrics: `<probe>/ready` answers {"ready":true}, `<probe>/broken` {"ready":false}. */
  objects(namespace: string, probe: string): object[];
  /** Operations at logical points; the state settles after each before the next. */
  steps: { label: string; run(ctx: ScenarioContext): Promise<unknown> }[];
  /** Differences (diffTrajectories lines) understood and accepted, each with its reason (README). */
  explained?: { pattern: RegExp; reason: string }[];
}

export interface HarnessEnv {
  kube: KubeConnection;
  env: NodeJS.ProcessEnv;
  dir: string;
  argoCdDir: string;
  probe: string;
}

async function list(kube: KubeConnection, path: string, selector?: string): Promise<KubeObj[]> {
  const res = await kube.fetch(
    selector ? `${path}?labelSelector=${encodeURIComponent(selector)}` : path,
  );
  if (!res.ok) return [];
  return ((await res.json()) as { items: KubeObj[] }).items;
}

async function observe(
  h: HarnessEnv,
  ns: string,
  name: string,
): Promise<Omit<Observed, 'health'> | undefined> {
  const res = await h.kube.fetch(`/apis/argoproj.io/v1alpha1/namespaces/${ns}/rollouts/${name}`);
  if (!res.ok) return undefined;
  const rollout = (await res.json()) as KubeObj;
  const owned = (o: KubeObj) =>
    (o as { metadata: { ownerReferences?: { name: string }[] } }).metadata.ownerReferences?.some(
      (r) => r.name === name,
    ) ?? false;
  return {
    rollout,
    replicaSets: (await list(h.kube, `/apis/apps/v1/namespaces/${ns}/replicasets`)).filter(owned),
    analysisRuns: (
      await list(h.kube, `/apis/argoproj.io/v1alpha1/namespaces/${ns}/analysisruns`)
    ).filter(owned),
    services: await list(h.kube, `/api/v1/namespaces/${ns}/services`),
  };
}

const QUIET_MS = 3_000;
const SETTLE_LIMIT_MS = 90_000;

/** Waits until the observed state stops changing (generation observed, unchanged for QUIET_MS). */
async function settle(h: HarnessEnv, ns: string, name: string): Promise<Point> {
  const deadline = Date.now() + SETTLE_LIMIT_MS;
  let last: { obs: Omit<Observed, 'health'>; key: string; since: number } | undefined;
  for (;;) {
    const obs = await observe(h, ns, name);
    if (obs) {
      const key = JSON.stringify(buildPoint({ ...obs, health: { status: '', message: '' } }));
      if (key !== last?.key) last = { obs, key, since: Date.now() };
      const observed =
        String(obs.rollout.status?.observedGeneration) === String(obs.rollout.metadata.generation);
      const quiet = Date.now() - last.since >= QUIET_MS;
      if ((observed && quiet) || Date.now() > deadline) {
        const health = await assessArgoCdHealth(obs.rollout, h.argoCdDir);
        const point = buildPoint({ ...last.obs, health });
        return Date.now() > deadline
          ? { ...point, settled: 'no (still changing at the limit)' }
          : point;
      }
    } else if (Date.now() > deadline) {
      return { missing: 'the Rollout does not exist' };
    }
    await sleep(300);
  }
}

/** Runs `scenario` in namespace `<scenario>-<controller>` under a freshly started controller. */
export async function recordTrajectory(
  h: HarnessEnv,
  scenario: Scenario,
  controller: ControllerName,
): Promise<Labelled[]> {
  const ns = `${scenario.name}-${controller}`;
  const run = (file: string, args: string[]) =>
    runCommand(file, args, { env: h.env, timeoutMs: 60_000 });
  const ctx: ScenarioContext = {
    namespace: ns,
    plugin: (...args) => run('kubectl', ['argo', 'rollouts', '-n', ns, ...args]),
    kubectl: (...args) => run('kubectl', args),
  };
  const kubeconfig = h.env.KUBECONFIG ?? '';
  const running =
    controller === 'upstream'
      ? await startUpstreamController(kubeconfig, join(h.dir, `${ns}.log`))
      : await startOurController(kubeconfig);
  try {
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
  } finally {
    await running.stop();
    // Nothing of this run may be reconciled by the other controller.
    await ctx.kubectl('delete', 'namespace', ns, '--wait=false');
  }
}
