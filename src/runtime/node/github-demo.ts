/**
 * `DEVGITHUB=on npm start`: the GitOps demo on one machine. Starts the GitHub emulator
 * (src/devgithub) with a repository `dev/shop`, two people (alice maintains it, mallory only reads
 * it) and a signed webhook to the controller's `POST /hooks/github`, and returns the GitOps settings
 * that watch `deploy/` on its `main` branch for the `default` namespace. With a local fleet
 * (FLEET=<n>, issue 21) the source goes out in waves: one wave per cluster, in order, each but the
 * last soaking `soakSeconds`.
 */
import { randomBytes } from 'node:crypto';
import { parseGitOpsConfig } from '../../core/gitops/config.js';
import type { GitOpsSettings } from '../../core/gitops/env-config.js';
import { startDevGitHub, type DevGitHub } from '../../devgithub/index.js';

export const DEMO_REPO = 'dev/shop';
export const DEMO_TOKEN = 'dev-token';

export interface GitHubDemo {
  github: DevGitHub;
  settings: GitOpsSettings;
  /** Points the repository's webhook at the controller. */
  connect(controllerUrl: string): void;
}

export async function startGitHubDemo(opts: {
  port: number;
  /**
   * Where the webhook goes: the controller's base URL. Absent: `connect` it once the controller
   * listens (the local fleet's home controller may take a free port).
   */
  controllerUrl?: string;
  log: (line: string) => void;
  fleet?: { clusters: string[]; soakSeconds: number };
}): Promise<GitHubDemo> {
  const waves = opts.fleet?.clusters.map((name, i, all) => ({
    clusters: [name],
    ...(i < all.length - 1 ? { soak: `${opts.fleet?.soakSeconds ?? 0}s` } : {}),
  }));
  const parsed = parseGitOpsConfig({
    cluster: 'dev',
    sources: [
      {
        name: 'shop',
        repo: DEMO_REPO,
        branch: 'main',
        path: 'deploy',
        namespace: 'default',
        ...(waves ? { waves } : {}),
      },
    ],
  });
  if ('problems' in parsed) throw new Error(`demo GitOps config: ${parsed.problems.join('; ')}`);
  const github = await startDevGitHub({
    host: '127.0.0.1',
    port: opts.port,
    tokens: [DEMO_TOKEN],
    log: opts.log,
  });
  const secret = randomBytes(24).toString('hex');
  github.createRepo(DEMO_REPO);
  github.setPermission(DEMO_REPO, 'alice', 'maintain');
  github.setPermission(DEMO_REPO, 'mallory', 'read');
  const connect = (controllerUrl: string) =>
    github.addHook(DEMO_REPO, {
      url: `${controllerUrl}/hooks/github`,
      secret,
      events: ['push', 'issue_comment', 'commit_comment'],
    });
  if (opts.controllerUrl) connect(opts.controllerUrl);
  return {
    github,
    connect,
    settings: {
      config: parsed.config,
      baseUrl: github.url,
      auth: { kind: 'token', token: DEMO_TOKEN },
      webhookSecrets: [secret],
    },
  };
}
