/**
 * Differential scenarios (issue 17 deliverable 3, first cut): each scenario of the catalogue runs
 * under Argo Rollouts' own controller and under ours on the same real control plane, with
 * Argo Rollouts' own CRDs (read from the pinned module in the Go module cache; DESIGN §1
 * promise 3), and the settled trajectories must agree field by field. Each run's trajectories
 * and differences are written to .rollouts/differential/<scenario>.json.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILD_COMMAND,
  findMissingBinaries,
  type RealCluster,
} from '../../../functions/real-cluster/index.js';
import { kubectlVersion } from '../../support/kubectl-session.js';
import { type RealClusterBed, startRealClusterBed } from '../../support/real-cluster-bed.js';
import {
  findArgoCdModuleDir,
  findMissingUpstreamBinaries,
  pluginEnv,
  runCommand,
  UPSTREAM_BUILD_COMMAND,
} from '../support.js';
import { type HarnessEnv, recordTrajectory } from './harness.js';
import { SCENARIOS } from './scenarios.js';
import { diffTrajectories } from './trajectory.js';

const root = resolve(import.meta.dirname, '../../..');
const missingCluster = await findMissingBinaries();
const missingUpstream = await findMissingUpstreamBinaries();
const argoCdDir = missingUpstream.length === 0 ? await findArgoCdModuleDir() : undefined;
const rolloutsModule = missingUpstream.length === 0 ? await findRolloutsModuleDir() : undefined;
const skipReason =
  missingCluster.length > 0
    ? `real control plane not built (${missingCluster.join(', ')} missing): run \`${BUILD_COMMAND}\``
    : missingUpstream.length > 0
      ? `upstream tools not built (${missingUpstream.join(', ')} missing): run \`${UPSTREAM_BUILD_COMMAND}\``
      : !kubectlVersion
        ? 'kubectl is not on PATH'
        : !argoCdDir || !rolloutsModule
          ? 'the pinned argo-cd / argo-rollouts modules are not in the Go module cache'
          : undefined;

/** The argo-rollouts module directory in the Go module cache (its manifests/crds/ are upstream's CRDs). */
async function findRolloutsModuleDir(): Promise<string | undefined> {
  const r = await runCommand(
    'go',
    ['list', '-m', '-f', '{{.Dir}}', 'github.com/argoproj/argo-rollouts'],
    {
      env: { ...process.env, GOTOOLCHAIN: 'go1.27.3', GOFLAGS: '-mod=readonly' },
      timeoutMs: 120_000,
      cwd: join(root, 'tools/upstream'),
    },
  ).catch(() => undefined);
  return r?.code === 0 ? r.stdout.trim() || undefined : undefined;
}

let bed: RealClusterBed | undefined;
let cluster: RealCluster;
let h: HarnessEnv;
let probe: Server;

describe.skipIf(skipReason)(
  `differential scenarios, upstream controller vs ours${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    beforeAll(async () => {
      bed = await startRealClusterBed('upstream-diff', { controller: false });
      const { dir } = bed;
      cluster = bed.cluster;
      probe = createServer((req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(`{"ready":${String(req.url === '/ready')}}`),
      );
      await new Promise<void>((ready) => probe.listen(0, '127.0.0.1', ready));
      const probeUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
      h = {
        kube: cluster.kube,
        env: pluginEnv(cluster.kubeconfigPath, dir),
        dir,
        argoCdDir: argoCdDir ?? '',
        probe: probeUrl,
      };
      // Upstream's own CRDs replace ours, from the module cache (never copied into the repository).
      const crds = await runCommand(
        'kubectl',
        [
          'apply',
          '--server-side',
          '--force-conflicts',
          '-k',
          join(rolloutsModule ?? '', 'manifests/crds'),
        ],
        { env: h.env },
      );
      if (crds.code !== 0) throw new Error(`installing upstream CRDs: ${crds.stderr}`);
      await mkdir(join(root, '.rollouts', 'differential'), { recursive: true });
    }, 240_000);

    afterAll(async () => {
      await bed?.close();
      await new Promise<void>((closed) => (probe ? probe.close(() => closed()) : closed()));
    }, 60_000);

    it.each(SCENARIOS.map((s) => [s.name, s] as const))(
      '%s',
      async (name, scenario) => {
        const upstream = await recordTrajectory(h, scenario, 'upstream');
        const ours = await recordTrajectory(h, scenario, 'ours');
        const differences = diffTrajectories(upstream, ours);
        const reasonFor = (line: string) =>
          scenario.explained?.find((e) => e.pattern.test(line))?.reason;
        const explained = differences
          .filter((d) => reasonFor(d))
          .map((d) => `${d} (explained: ${reasonFor(d) ?? ''})`);
        await writeFile(
          join(root, '.rollouts', 'differential', `${name}.json`),
          JSON.stringify({ upstream, ours, differences, explained }, null, 2),
        );
        expect(differences.filter((d) => !reasonFor(d))).toEqual([]);
      },
      600_000,
    );
  },
);
