/**
 * `npm run bench:vs-upstream` (issue 17, deliverable 4): our controller (built) and Argo Rollouts'
 * own (v1.10.2), one at a time, on one real control plane with the same Rollouts: steady state at
 * each size, image changes of 1 and of 100 Rollouts, and API requests per completed step, counted
 * from kube-apiserver's audit log by each controller's own client certificate.
 *
 *   BENCH_SIZES=100,1000,10000   Rollouts in the cluster, grown in this order (1 kwok pod each)
 *   BENCH_WINDOW_SECONDS=60      steady-state window per controller and size
 *   BENCH_REPEATS=3              image changes of 1 Rollout (median)
 *   BENCH_GROUP_REPEATS=1        image changes of 100 Rollouts together (median)
 *   BENCH_SETTLE_MINUTES=30      how long a controller may take to settle before the run fails
 *
 * At each size the controller that runs first also brings the new Rollouts up; the order
 * alternates between sizes. Each is measured only once it has settled.
 */
import { execFileSync } from 'node:child_process';
import { access, constants, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { binDir, findMissingBinaries } from '../../functions/real-cluster/binaries.js';
import { UPSTREAM_MODULE } from '../../functions/real-cluster/crds.js';
import { startRealCluster } from '../../functions/real-cluster/index.js';
import { VERSION } from '../../src/version.js';
import { AuditLogReader, buildAuditArgs, buildAuditPolicy } from './audit-log.js';
import {
  buildOurs,
  type ControllerName,
  type ControllerUnderTest,
  startOurs,
  startUpstream,
} from './controllers.js';
import { writeUserKubeconfig } from './identity.js';
import {
  type ImageChange,
  measureImageChange,
  measureSteadyState,
  type Probe,
  type SteadyState,
  waitUntilSettled,
} from './measure.js';
import { type Figure, formatRatioLines, formatTable, formatTopKinds } from './report.js';
import { createNamespace, createRollouts, NAMESPACE } from './workload.js';

const env = process.env;
const SIZES = (env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const WINDOW_MS = Number(env.BENCH_WINDOW_SECONDS ?? 60) * 1000;
const REPEATS = Number(env.BENCH_REPEATS ?? 3);
const GROUP_REPEATS = Number(env.BENCH_GROUP_REPEATS ?? 1);
const SETTLE_LIMIT_MS = Number(env.BENCH_SETTLE_MINUTES ?? 30) * 60_000;
const GROUP = Math.min(100, SIZES[0] ?? 100);
const USERS: Record<ControllerName, string> = { ours: 'bench:ours', upstream: 'bench:upstream' };

const started = Date.now();
const log = (line: string) =>
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}`);

interface Results {
  settleSeconds: Map<string, number>;
  steady: Map<string, SteadyState>;
  changes: Map<string, ImageChange>;
}

const key = (controller: ControllerName, what: string | number) => `${controller}@${what}`;

async function main(): Promise<void> {
  const missing = await findMissingBinaries();
  await access(join(binDir, 'rollouts-controller'), constants.X_OK).catch(() =>
    missing.push('rollouts-controller' as never),
  );
  if (missing.length > 0)
    throw new Error(
      `missing ${missing.join(', ')} in ${binDir}: run npm run tools:real-cluster and npm run tools:upstream`,
    );
  if (SIZES.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`BENCH_SIZES must be positive integers, got ${env.BENCH_SIZES}`);
  const dir = await mkdtemp(join(tmpdir(), 'bench-vs-upstream-'));
  const load0 = loadavg();
  log(`building ours into ${dir}/dist`);
  const entry = buildOurs(join(dir, 'dist'));
  const policy = join(dir, 'audit-policy.yaml');
  const auditFile = join(dir, 'audit.log');
  await writeFile(policy, buildAuditPolicy(Object.values(USERS)));
  const stateDir = join(dir, 'state');
  const cluster = await startRealCluster({
    kubePort: 0,
    podReadySeconds: 0.5,
    crds: 'upstream',
    kubeconfigPath: join(dir, 'admin.kubeconfig'),
    stateDir,
    removeStateOnClose: true,
    apiServerArgs: buildAuditArgs(policy, auditFile),
    log,
  });
  const results: Results = { settleSeconds: new Map(), steady: new Map(), changes: new Map() };
  let running: ControllerUnderTest | undefined;
  let kubeVersion = '';
  // A phase that fails (a settle past its limit) ends the run, but what was measured is still printed.
  let failure: string | undefined;
  try {
    kubeVersion = ((await (await cluster.kube.fetch('/version')).json()) as { gitVersion: string })
      .gitVersion;
    const kubeconfigs = {} as Record<ControllerName, string>;
    for (const name of ['ours', 'upstream'] as const)
      kubeconfigs[name] = await writeUserKubeconfig({
        server: cluster.url,
        pkiDir: join(stateDir, 'pki'),
        dir,
        user: USERS[name],
      });
    await createNamespace(cluster.kube);
    const audit = new AuditLogReader(auditFile);
    let images = 0;
    const nextImage = () => `nginx:1.25.${++images}`;
    let created = 0;
    for (const [index, size] of SIZES.entries()) {
      log(`creating Rollouts ${created}..${size - 1}`);
      await createRollouts(cluster.kube, created, size, `nginx:1.25.${images}`);
      created = size;
      const order: ControllerName[] = index % 2 === 0 ? ['ours', 'upstream'] : ['upstream', 'ours'];
      for (const name of order) {
        running =
          name === 'ours'
            ? await startOurs(entry, kubeconfigs.ours)
            : await startUpstream(kubeconfigs.upstream, join(dir, `upstream-${size}.log`));
        const probe: Probe = {
          kube: cluster.kube,
          audit,
          user: USERS[name],
          namespace: NAMESPACE,
          controller: running,
        };
        log(`${name} started (pid ${running.pid}) over ${size} Rollouts; waiting until settled`);
        const settle = await waitUntilSettled(probe, size, SETTLE_LIMIT_MS);
        results.settleSeconds.set(key(name, size), settle);
        log(`${name} settled after ${settle.toFixed(0)} s; steady state for ${WINDOW_MS / 1000} s`);
        const steady = await measureSteadyState(probe, WINDOW_MS);
        results.steady.set(key(name, size), steady);
        log(
          `${name}@${size}: ${steady.rssMiB.toFixed(0)} MiB, ${steady.cpuSecondsPerMinute.toFixed(2)} CPU s/min, ${steady.requestsPerMinute.toFixed(1)} requests/min`,
        );
        if (index === 0)
          for (const [rollouts, repeats] of [
            [1, REPEATS],
            [GROUP, GROUP_REPEATS],
          ] as const) {
            log(`${name}: ${repeats} image change(s) of ${rollouts} Rollout(s)`);
            const change = await measureImageChange(probe, rollouts, repeats, nextImage);
            results.changes.set(key(name, rollouts), change);
            log(
              `${name}: first pause ${change.firstPauseSeconds.toFixed(2)} s, through ${change.throughSeconds.toFixed(2)} s, ${change.requestsPerStep.toFixed(1)} requests/step`,
            );
          }
        await running.stop();
        running = undefined;
        await sleep(2000);
      }
    }
  } catch (e) {
    failure = (e as Error).message;
  } finally {
    await running?.stop();
    await cluster.close();
    await rm(dir, { recursive: true, force: true });
  }
  printReport(results, kubeVersion, load0);
  if (failure) {
    console.log(`incomplete: ${failure}`);
    process.exitCode = 1;
  }
}

function printReport(r: Results, kubeVersion: string, load0: number[]): void {
  const pair = <T>(m: Map<string, T>, what: string | number, pick: (v: T) => number) => ({
    ours: maybe(m.get(key('ours', what)), pick),
    upstream: maybe(m.get(key('upstream', what)), pick),
  });
  const figures: Figure[] = [];
  for (const size of SIZES) {
    figures.push(
      {
        id: `settle-s@${size}`,
        what: `seconds to settle over ${size} Rollouts (the first at a size also creates)`,
        values: pair(r.settleSeconds, size, (v) => v),
        informational: true,
      },
      {
        id: `rss-mib@${size}`,
        what: `resident memory, ${size} Rollouts (MiB)`,
        values: pair(r.steady, size, (v) => v.rssMiB),
      },
      {
        id: `cpu-s-per-min@${size}`,
        what: `CPU seconds per minute, ${size} Rollouts`,
        values: pair(r.steady, size, (v) => v.cpuSecondsPerMinute),
      },
      {
        id: `requests-per-min@${size}`,
        what: `API requests per minute, ${size} Rollouts`,
        values: pair(r.steady, size, (v) => v.requestsPerMinute),
      },
    );
  }
  for (const n of [1, GROUP]) {
    const label = n === 1 ? '1 Rollout' : `${n} Rollouts together`;
    const timeLabel = n === 1 ? label : `${label}, until the last`;
    figures.push(
      {
        id: `first-pause-s@${n}`,
        what: `image change to first pause, ${timeLabel} (s)`,
        values: pair(r.changes, n, (v) => v.firstPauseSeconds),
      },
      {
        id: `through-canary-s@${n}`,
        what: `image change through the 4-step canary, ${timeLabel} (s)`,
        values: pair(r.changes, n, (v) => v.throughSeconds),
      },
      {
        id: `requests-per-step@${n}`,
        what: `API requests per completed step, ${label}`,
        values: pair(r.changes, n, (v) => v.requestsPerStep),
      },
      {
        id: `writes-per-step@${n}`,
        what: `API writes per completed step, ${label}`,
        values: pair(r.changes, n, (v) => v.writesPerStep),
      },
    );
  }
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  console.log(
    [
      `ours: serverless-rollouts ${VERSION} (commit ${commit}, built, Node ${process.version}); upstream: ${UPSTREAM_MODULE.split('@')[1] ?? ''} rollouts-controller; Kubernetes ${kubeVersion}`,
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${load0[0]?.toFixed(1)} at start, ${loadavg()[0]?.toFixed(1)} at end`,
      `window ${WINDOW_MS / 1000} s per controller and size; image changes: ${REPEATS} × 1 Rollout, ${GROUP_REPEATS} × ${GROUP}`,
      '',
      formatTable(figures),
      '',
      'where the requests go:',
      ...[...r.steady].map(
        ([k, v]) => `  steady state ${k}: ${formatTopKinds(v.byKind, sum(v.byKind))}`,
      ),
      ...[...r.changes].map(
        ([k, v]) => `  image change ${k}: ${formatTopKinds(v.byKind, sum(v.byKind))}`,
      ),
      '',
      formatRatioLines(figures),
    ].join('\n'),
  );
}

const sum = (byKind: Array<[string, number]>) => byKind.reduce((s, [, n]) => s + n, 0);

function maybe<T>(v: T | undefined, pick: (v: T) => number): number | undefined {
  return v === undefined ? undefined : pick(v);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
