import type { TestProject } from 'vitest/node';
import { startDevGitHub } from '../../src/devgithub/index.js';
import { shopManifest } from '../controller/fleet/fleet-world.js';
import { startTestCluster } from '../functions/entry-support.js';

/**
 * Global setup of the `workers` project, in Node: what test/workers/fleet-release.test.ts releases
 * to from inside workerd. Three devclusters with the CRDs (the Worker's own, KUBE_SERVER, where the
 * Release objects live, and the fleet's clusters `east` and `west`) and the GitHub emulator with
 * one commit of a Rollout under k8s/. The test reaches them over loopback by their URLs.
 */
export const FLEET_REPO = 'acme/fleet';
export const FLEET_GITHUB_TOKEN = 'fleet-gh-token';

declare module 'vitest' {
  export interface ProvidedContext {
    fleetWorld: { home: string; east: string; west: string; github: string; sha: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [home, east, west, github] = await Promise.all([
    startTestCluster(),
    startTestCluster(),
    startTestCluster(),
    startDevGitHub({ host: '127.0.0.1', port: 0, tokens: [FLEET_GITHUB_TOKEN] }),
  ]);
  github.createRepo(FLEET_REPO);
  const { sha } = await github.push(FLEET_REPO, 'main', {
    files: { 'k8s/rollout.yaml': shopManifest('registry.example/shop:v1') },
  });
  project.provide('fleetWorld', {
    home: home.cluster.url,
    east: east.cluster.url,
    west: west.cluster.url,
    github: github.url,
    sha,
  });
  return async () => {
    await Promise.all([home.close(), east.close(), west.close(), github.close()]);
  };
}
