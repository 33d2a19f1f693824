import type { KubeClient } from '../../../src/adapters/kube/index.js';
import { KubeApiError } from '../../../src/adapters/kube/index.js';
import { GitHubClients } from '../../../src/adapters/github/index.js';
import {
  createFleetReleases,
  type FleetReleases,
} from '../../../src/controller/fleet/fleet-releases.js';
import type { ReleaseStepDeps } from '../../../src/controller/fleet/release-step.js';
import { loadRelease } from '../../../src/controller/fleet/release-store.js';
import { createGitOps, type GitOps } from '../../../src/controller/gitops/gitops.js';
import { parseGitOpsConfig } from '../../../src/core/gitops/config.js';
import { startDevGitHub, type DevGitHub } from '../../../src/devgithub/index.js';
import type { Release, WindowConfig } from '../../../src/domain/fleet.js';
import type { Rollout } from '../../../src/domain/index.js';
import { startWorld, type World } from '../world.js';

export const REPO = 'acme/deploy';
export const CLUSTERS = ['staging', 'prod-eu', 'prod-us'];

/** The manifests a push writes under k8s/: a canary with two timed pauses. */
export function shopManifest(image: string, pauseSeconds = 10): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: shop
spec:
  replicas: 4
  selector:
    matchLabels: {app: shop}
  template:
    metadata:
      labels: {app: shop}
    spec:
      containers:
        - name: web
          image: ${image}
  strategy:
    canary:
      steps:
        - setWeight: 25
        - pause: {duration: ${pauseSeconds}s}
        - setWeight: 75
        - pause: {duration: ${pauseSeconds}s}
`;
}

/** The image of the Rollout's first container. */
export function imageOf(r: Rollout | undefined): string | undefined {
  const containers = r?.spec.template?.spec?.containers as Array<{ image?: string }> | undefined;
  return containers?.[0]?.image;
}

export interface FleetWorldOptions {
  waves?: unknown[];
  onFailure?: 'halt' | 'abortAll';
  windows?: WindowConfig;
  /** How long each of the canary's two pauses lasts (default 10 s). */
  pauseSeconds?: number;
  /** Wraps every Kubernetes client the release engine uses (faults are injected here). */
  wrapKube?: (cluster: string, server: string, kube: KubeClient) => KubeClient;
}

/**
 * Three devclusters on manual clocks (each reconciled by the shared dispatcher, as its own
 * controller would), the GitHub emulator, and the release engine with staging as its home.
 */
export interface FleetWorld {
  worlds: Map<string, World>;
  gh: DevGitHub;
  gitops: GitOps;
  releases: FleetReleases;
  /** What the release engine logged. */
  logs: string[];
  now(): number;
  /** Pushes the manifest with this image to main; returns the commit. */
  push(image: string): Promise<string>;
  /** The push's GitSource hint, as the hook would enqueue it: starts (or finds) the release. */
  sync(): Promise<string>;
  /** One release step (any error is returned, as a dying handler's). */
  step(name: string): Promise<unknown>;
  release(name: string): Promise<Release>;
  /** Every cluster reconciles its Rollout until settled, then the clocks move `ms`. */
  tick(ms?: number): Promise<void>;
  rollout(cluster: string): Promise<Rollout | undefined>;
  close(): Promise<void>;
}

export async function startFleetWorld(opts: FleetWorldOptions = {}): Promise<FleetWorld> {
  const worlds = new Map<string, World>();
  for (const name of CLUSTERS) worlds.set(name, await startWorld('shop'));
  const home = worlds.get('staging') as World;
  const now = () => home.h.clock.now();
  const gh = await startDevGitHub({ now });
  gh.createRepo(REPO);
  const parsed = parseGitOpsConfig({
    cluster: 'unused',
    sources: [
      {
        name: 'shop',
        repo: REPO,
        path: 'k8s',
        namespace: 'default',
        waves: opts.waves ?? [
          { clusters: ['staging'], soak: '30s' },
          { clusters: ['prod-eu'], soak: '30s' },
          { clusters: ['prod-us'] },
        ],
        ...(opts.onFailure ? { onFailure: opts.onFailure } : {}),
      },
    ],
  });
  if ('problems' in parsed) throw new Error(parsed.problems.join('; '));
  const config = parsed.config;
  const clients = new GitHubClients(
    { baseUrl: gh.url, auth: { kind: 'token', token: 'dev-token' } },
    now,
  );
  const logs: string[] = [];
  const wrap = (cluster: string, w: World) =>
    opts.wrapKube ? opts.wrapKube(cluster, w.h.url, w.kube) : w.kube;
  const deps: ReleaseStepDeps = {
    home: wrap('staging', home),
    homeCluster: 'staging',
    kubeFor(name) {
      const w = worlds.get(name);
      if (!w) throw new Error(`no cluster ${name}`);
      return wrap(name, w);
    },
    windows: opts.windows ?? { windows: [], freezes: [] },
    config,
    github: (repo) => clients.forRepo(repo),
    now,
    log: (line) => logs.push(line),
    pollMs: 5000,
  };
  const releases = createFleetReleases(deps);
  const gitops = createGitOps({
    kube: home.kube,
    config,
    clients,
    now,
    enqueueRollouts: () => Promise.resolve(),
    releases: { engine: releases, enqueue: () => Promise.resolve() },
    log: (line) => logs.push(line),
  });
  const rolloutIn = async (w: World): Promise<Rollout | undefined> => {
    try {
      return await w.rollout('shop');
    } catch (e) {
      if (e instanceof KubeApiError && e.isNotFound) return undefined;
      throw e;
    }
  };
  const fw: FleetWorld = {
    worlds,
    gh,
    gitops,
    releases,
    logs,
    now,
    async push(image) {
      return gh.commit(REPO, 'main', {
        files: { 'k8s/rollout.yaml': shopManifest(image, opts.pauseSeconds) },
      });
    },
    async sync() {
      const r = await gitops.sync('shop');
      if (r.outcome !== 'released') throw new Error(`sync: ${JSON.stringify(r)}`);
      return r.release;
    },
    async step(name) {
      try {
        return await releases.step({ namespace: 'default', name });
      } catch (e) {
        return e;
      }
    },
    async release(name) {
      const r = await loadRelease(home.kube, 'default', name);
      if (!r) throw new Error(`no release ${name}`);
      return r;
    },
    async tick(ms = 1000) {
      for (const w of worlds.values()) {
        if (await rolloutIn(w)) await w.settle('shop', 200);
        w.h.clock.advance(ms);
        await w.h.settle();
      }
    },
    rollout: (cluster) => rolloutIn(worlds.get(cluster) as World),
    async close() {
      await gh.close();
      for (const w of worlds.values()) await w.close();
    },
  };
  return fw;
}
