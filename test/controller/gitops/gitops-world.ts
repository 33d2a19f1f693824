import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { type GitHubAuth, GitHubClients } from '../../../src/adapters/github/index.js';
import { createGitOps, gitHubHookFor, type GitOps } from '../../../src/controller/gitops/gitops.js';
import type { GitOpsConfig } from '../../../src/core/gitops/config.js';
import {
  startDevGitHub,
  type DevGitHub,
  type DevGitHubOptions,
} from '../../../src/devgithub/index.js';
import type { Rollout } from '../../../src/domain/index.js';
import { buildApp } from '../../../src/http/app.js';
import type { Hint } from '../../../src/domain/hint.js';
import { startWorld, type World } from '../world.js';

export const REPO = 'acme/deploy';
export const SECRET = 'webhook-secret';

export interface GitOpsWorld {
  w: World;
  gh: DevGitHub;
  gitops: GitOps;
  /** GitSource hints the hook enqueued, in order. */
  queued: Hint[];
  /** Runs the queued syncs, as the runtime's scheduler would. */
  drain(): Promise<Array<Awaited<ReturnType<GitOps['sync']>>>>;
  /** Reconciles until settled, reporting to GitHub as the runtime does after each reconcile. */
  settle(): Promise<void>;
  advance(ms: number): Promise<void>;
  rollout(name?: string): Promise<Rollout>;
  /** Latest deployment status state and description of the newest deployment of an environment. */
  latestDeployment(
    env?: string,
  ):
    | { id: number; sha: string; state: string | undefined; description: string | undefined }
    | undefined;
  commitStatus(sha: string, context: string): { state: string; description: string } | undefined;
  /** What GitOps logged, in order. */
  logs: string[];
  /** Rollouts GitOps asked to reconcile now (after a command), in order. */
  woken: Array<{ namespace: string; name: string }>;
  close(): Promise<void>;
}

export interface GitOpsWorldOptions {
  /** How devgithub is started (a GitHub App, a rate limit…). */
  github?: DevGitHubOptions;
  /** How the controller authenticates to devgithub; default the token `dev-token`. */
  auth?: GitHubAuth;
}

export function manifestsConfig(overrides: Partial<GitOpsConfig> = {}): GitOpsConfig {
  return {
    cluster: 'dev',
    sources: [
      {
        name: 'shop',
        owner: 'acme',
        repo: 'deploy',
        fullName: REPO,
        branch: 'main',
        path: 'k8s',
        namespace: 'default',
        prune: false,
      },
    ],
    maxFileBytes: 64 * 1024,
    maxFiles: 50,
    ...overrides,
  };
}

/** A devcluster (manual clock) + the devgithub emulator + the GitHub hook served over HTTP. */
export async function startGitOpsWorld(
  config: GitOpsConfig = manifestsConfig(),
  opts: GitOpsWorldOptions = {},
): Promise<GitOpsWorld> {
  const w = await startWorld('shop');
  const gh = await startDevGitHub(opts.github);
  gh.createRepo(REPO);
  gh.setPermission(REPO, 'alice', 'write');
  gh.addUser('mallory');
  gh.setPermission(REPO, 'mallory', 'read');
  const queued: Hint[] = [];
  const logs: string[] = [];
  const woken: GitOpsWorld['woken'] = [];
  const now = () => w.h.clock.now();
  const gitops = createGitOps({
    kube: w.kube,
    config,
    // One clock for the reports and for GitHub's retry times, as Date.now is for both in production.
    clients: new GitHubClients(
      { baseUrl: gh.url, auth: opts.auth ?? { kind: 'token', token: 'dev-token' } },
      now,
    ),
    now,
    enqueueRollouts: (refs) => {
      woken.push(...refs);
      return Promise.resolve();
    },
    log: (line) => logs.push(line),
  });
  const app = buildApp({
    runtime: 'node',
    version: 'test',
    githubHook: gitHubHookFor(gitops, [SECRET], async (hints) => void queued.push(...hints)),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  gh.addHook(REPO, {
    url: `http://127.0.0.1:${port}/hooks/github`,
    secret: SECRET,
    events: ['push', 'issue_comment', 'commit_comment'],
  });
  const env = (name = 'shop') => `dev/default/${name}`;
  const gw: GitOpsWorld = {
    w,
    gh,
    gitops,
    queued,
    logs,
    woken,
    async drain() {
      const out = [];
      while (queued.length > 0) {
        const h = queued.shift() as Hint;
        out.push(await gitops.sync(h.name));
      }
      return out;
    },
    async settle() {
      for (let i = 0; i < 5; i++) {
        await w.settle();
        await gitops.report(await w.rollout());
      }
    },
    async advance(ms) {
      for (let t = 0; t < ms; t += 1000) {
        w.h.clock.advance(1000);
        await w.h.settle();
        await gw.settle();
      }
    },
    rollout: (name) => w.rollout(name),
    latestDeployment(environment = env()) {
      const d = (
        gh.deployments(REPO) as Array<{ id: number; sha: string; environment: string }>
      ).find((x) => x.environment === environment);
      if (!d) return undefined;
      const s = (
        gh.deploymentStatuses(REPO, d.id) as Array<{ state: string; description: string }>
      )[0];
      return { id: d.id, sha: d.sha, state: s?.state, description: s?.description };
    },
    commitStatus(sha, context) {
      const s = (
        gh.commitStatuses(REPO, sha) as Array<{
          state: string;
          description: string;
          context: string;
        }>
      ).find((x) => x.context === context);
      return s ? { state: s.state, description: s.description } : undefined;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gh.close();
      await w.close();
    },
  };
  return gw;
}

/** Pushes the canary manifest with `image`, syncs it and lets it run 3 s; the commit's sha. */
export async function pushRolloutImage(g: GitOpsWorld, image: string): Promise<string> {
  const { sha } = await g.gh.push(REPO, 'main', {
    files: { 'k8s/rollout.yaml': rolloutYaml(image) },
  });
  await g.drain();
  await g.settle();
  await g.advance(3000);
  return sha;
}

/** A canary Rollout manifest with a Service-free basic canary. */
export function rolloutYaml(image: string, opts: { steps?: string; name?: string } = {}): string {
  const name = opts.name ?? 'shop';
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: ${name}
spec:
  replicas: 5
  revisionHistoryLimit: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: web
          image: ${image}
  strategy:
    canary:
      steps:
${opts.steps ?? '        - setWeight: 20\n        - pause: {}\n        - setWeight: 60\n        - pause: {duration: 5}'}
`;
}
