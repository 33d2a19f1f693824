/**
 * The differential catalogue (issue 17 deliverable 3): each scenario runs under Argo Rollouts' own
 * controller and under ours on the same real control plane, with Argo Rollouts' own CRDs (read from
 * the pinned module in the Go module cache; DESIGN §1 promise 3), and the settled trajectories must
 * agree field by field, or differ only as the scenario's explained differences say. Each phase runs
 * the whole catalogue under one controller, CONCURRENCY scenarios at a time. Each scenario's
 * trajectories and differences are written to .rollouts/differential/<scenario>.json.
 * `DIFFERENTIAL_ONLY=<regexp>` narrows the catalogue to matching names (to iterate on a few).
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
import { explanationOf } from './explained.js';
import { type HarnessEnv, type Recorded, recordPhase, type Scenario } from './harness.js';
import { SCENARIOS } from './scenarios/index.js';
import { diffTrajectories, type Labelled } from './trajectory.js';

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

const CONCURRENCY = 12;
const only = process.env.DIFFERENTIAL_ONLY;
const catalogue = only ? SCENARIOS.filter((s) => new RegExp(only).test(s.name)) : SCENARIOS;

const ANSWERS: Record<string, string> = { '/ready': 'true', '/broken': 'false', '/half': '0.5' };
/** The probe's answer: `/ready` is ready, `/broken` is not, `/half` is 0.5, anything else "unknown". */
const readinessOf = (url: string): string =>
  ANSWERS[new URL(url, 'http://probe').pathname] ?? '"unknown"';

/** Writes the scenario's report (.rollouts/differential/<name>.json) and returns its unexplained lines. */
async function reportOf(scenario: Scenario, upstream: Labelled[], ours: Labelled[]) {
  const differences = diffTrajectories(upstream, ours);
  const explained = differences.flatMap((d) => {
    const why = explanationOf(scenario, d);
    return why ? [`${d} (explained: ${why})`] : [];
  });
  await writeFile(
    join(root, '.rollouts', 'differential', `${scenario.name}.json`),
    JSON.stringify({ upstream, ours, differences, explained, open: scenario.open }, null, 2),
  );
  return differences.filter((d) => !explanationOf(scenario, d));
}

let bed: RealClusterBed | undefined;
let recorded: Record<'upstream' | 'ours', Map<string, Recorded>>;
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
          .end(`{"ready":${readinessOf(req.url ?? '/')}}`),
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
      const started = Date.now();
      recorded = {
        upstream: await recordPhase(h, catalogue, 'upstream', CONCURRENCY),
        ours: await recordPhase(h, catalogue, 'ours', CONCURRENCY),
      };
      for (const s of catalogue.filter((c) => c.open)) {
        const [up, our] = [recorded.upstream.get(s.name), recorded.ours.get(s.name)];
        if (up && our && 'trajectory' in up && 'trajectory' in our)
          await reportOf(s, up.trajectory, our.trajectory);
      }
      await writeFile(
        join(root, '.rollouts', 'differential', 'timing.json'),
        JSON.stringify({ scenarios: catalogue.length, seconds: (Date.now() - started) / 1000 }),
      );
    }, 1_200_000);

    afterAll(async () => {
      await bed?.close();
      await new Promise<void>((closed) => (probe ? probe.close(() => closed()) : closed()));
    }, 60_000);

    for (const scenario of catalogue) {
      const title = scenario.open
        ? `${scenario.name} (skipped: open difference, ${scenario.open})`
        : scenario.name;
      it.skipIf(!!scenario.open)(title, async () => {
        const { name } = scenario;
        const [up, our] = [recorded.upstream.get(name), recorded.ours.get(name)];
        if (!up || 'error' in up) throw new Error(`upstream run: ${up?.error ?? 'not recorded'}`);
        if (!our || 'error' in our) throw new Error(`our run: ${our?.error ?? 'not recorded'}`);
        expect(await reportOf(scenario, up.trajectory, our.trajectory)).toEqual([]);
      });
    }
  },
);
