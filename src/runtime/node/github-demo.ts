/**
 * `DEVGITHUB=on npm start`: the GitOps demo on one machine. Starts the GitHub emulator
 * (src/devgithub) with a repository `dev/shop`, two people (alice maintains it, mallory only reads
 * it) and a signed webhook to the controller's `POST /hooks/github`, and returns the GitOps settings
 * that watch `deploy/` on its `main` branch for the `default` namespace.
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
}

export async function startGitHubDemo(opts: {
  port: number;
  controllerUrl: string;
  log: (line: string) => void;
}): Promise<GitHubDemo> {
  const parsed = parseGitOpsConfig({
    cluster: 'dev',
    sources: [
      { name: 'shop', repo: DEMO_REPO, branch: 'main', path: 'deploy', namespace: 'default' },
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
  github.addHook(DEMO_REPO, {
    url: `${opts.controllerUrl}/hooks/github`,
    secret,
    events: ['push', 'issue_comment', 'commit_comment'],
  });
  return {
    github,
    settings: {
      config: parsed.config,
      baseUrl: github.url,
      auth: { kind: 'token', token: DEMO_TOKEN },
      webhookSecrets: [secret],
    },
  };
}
