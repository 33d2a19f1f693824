import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILD_COMMAND,
  findMissingBinaries,
  type RealCluster,
} from '../../functions/real-cluster/index.js';
import { kubectlVersion } from '../support/kubectl-session.js';
import { type RealClusterBed, startRealClusterBed } from '../support/real-cluster-bed.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'test/fixtures/manifests');

// The real tier needs the pinned control plane in .rollouts/bin (a long cold build, so tests
// never start it): un-skip with `npm run tools:real-cluster`.
const missing = await findMissingBinaries();
const skipReason =
  missing.length > 0
    ? `real control plane not built (${missing.join(', ')} missing): run \`${BUILD_COMMAND}\``
    : kubectlVersion
      ? undefined
      : 'kubectl is not on PATH';
const describeReal = skipReason ? describe.skip : describe;

let bed: RealClusterBed | undefined;
let cluster: RealCluster;
let env: NodeJS.ProcessEnv;

async function kubectl(...args: string[]): Promise<string> {
  try {
    return (await run('kubectl', args, { env, timeout: 30_000 })).stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`kubectl ${args.join(' ')}: ${err.stderr ?? err.message}`);
  }
}

/** Polls `read` until it equals `want`; returns the last value so a failure shows where it got stuck. */
async function eventually(
  read: () => Promise<string>,
  want: string,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await read().catch((e: Error) => e.message)).trim();
    if (last === want) return last;
    await sleep(250);
  }
  return last;
}

describeReal(
  `the controller on a real control plane${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    beforeAll(async () => {
      bed = await startRealClusterBed('real-cluster', { controller: true });
      cluster = bed.cluster;
      env = { ...process.env, KUBECONFIG: cluster.kubeconfigPath, HOME: bed.dir };
    }, 180_000);

    afterAll(() => bed?.close(), 60_000);

    it('reports the pinned Kubernetes release through discovery', async () => {
      const version = JSON.parse(await kubectl('get', '--raw', '/version')) as {
        gitVersion: string;
        major: string;
      };
      expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
      expect(
        await kubectl(
          'get',
          'nodes',
          '-o',
          'jsonpath={.items[*].status.conditions[?(@.type=="Ready")].status}',
        ),
      ).toBe('True True True');
    });

    it('brings the canary example to Healthy with 4 ready pods', async () => {
      await kubectl('apply', '-f', join(fixtures, 'rollout-canary.yaml'));
      const status = () =>
        kubectl(
          'get',
          'rollout',
          'storefront-canary',
          '-o',
          'jsonpath={.status.phase} {.status.readyReplicas}',
        );
      expect(await eventually(status, 'Healthy 4')).toBe('Healthy 4');
      const pods = await kubectl(
        'get',
        'pods',
        '-l',
        'app.kubernetes.io/name=storefront-canary',
        '-o',
        'jsonpath={.items[*].status.phase}',
      );
      expect(pods.split(' ')).toEqual(['Running', 'Running', 'Running', 'Running']);
    }, 90_000);

    // A real API server omits `spec.minReadySeconds: 0` (omitempty); the controller once read the
    // absence as a change, patched the ReplicaSet and re-claimed the Rollout on every reconcile, ~30
    // writes/s per Rollout (test/core/rollout/real-server-shapes.test.ts pins the core side).
    it('leaves a Healthy Rollout alone: its resourceVersion stays put', async () => {
      const rv = () =>
        kubectl(
          'get',
          'rollout',
          'storefront-canary',
          '-o',
          'jsonpath={.metadata.resourceVersion}',
        );
      const before = await rv();
      await sleep(3000);
      expect(await rv()).toBe(before);
    }, 30_000);

    it('pauses an image update at the first step: 1 canary pod of 4, 25% weight', async () => {
      await kubectl(
        'patch',
        'rollout',
        'storefront-canary',
        '--type',
        'merge',
        '-p',
        '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}',
      );
      const status = () =>
        kubectl(
          'get',
          'rollout',
          'storefront-canary',
          '-o',
          'jsonpath={.status.phase} {.status.currentStepIndex} {.status.updatedReplicas}',
        );
      expect(await eventually(status, 'Paused 1 1')).toBe('Paused 1 1');
      const replicaSets = await kubectl(
        'get',
        'rs',
        '-l',
        'app.kubernetes.io/name=storefront-canary',
        '-o',
        'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}={.status.readyReplicas} {end}',
      );
      expect(replicaSets.trim().split(' ').sort()).toEqual(['nginx:1.25=3', 'nginx:1.26=1']);
    }, 90_000);
  },
);
