/**
 * Controller footprint for `npm run bench` (issue 18, item 7): time from process start to /healthz
 * answering, and resident memory 10 s later, for the controller run through tsx over the sources
 * (`npm start`'s path, and what the image ran before) and built (`npm run build`, what the image
 * runs now), side by side in one run, with 0 and 3,000 Rollouts stored. Medians of several starts,
 * the paths alternating so that load from other work on the machine falls on both alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigFor, startDevCluster } from '../src/devcluster/index.js';
import { REPO_ROOT, startControllerProcess } from '../test/support/controller-process.js';
import { aRollout, installCrds } from './runtime.js';

const STARTS = Number(process.env.BENCH_FOOTPRINT_STARTS ?? 7);
/** Of those starts, how many also wait to measure idle memory. */
const IDLE_STARTS = Math.min(STARTS, 3);
const IDLE_MS = 10_000;
const ROLLOUTS = [0, Number(process.env.BENCH_FOOTPRINT_ROLLOUTS ?? 3000)];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ControllerPath {
  name: string;
  args: string[];
  env?: Record<string, string>;
  idle: boolean;
}

/** Resident set size of a process, in MiB (`ps` reports KiB on Linux and macOS). */
function residentMiB(pid: number): number {
  return (
    Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) /
    1024
  );
}

/**
 * CPU time a process has used (user + system), from /proc on Linux; undefined elsewhere. Less
 * sensitive than wall time to other work on the machine.
 */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

interface Sample {
  startMs: number;
  startCpuMs?: number;
  rssMiB?: number;
}

async function startOnce(path: ControllerPath, kubeconfig: string, idle: boolean): Promise<Sample> {
  const started = performance.now();
  const controller = startControllerProcess(path.args, { KUBECONFIG: kubeconfig, ...path.env });
  try {
    const port = await controller.listening;
    while (
      !(await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      await sleep(5);
    const startMs = performance.now() - started;
    const pid = controller.child.pid ?? 0;
    const startCpuMs = cpuMs(pid);
    if (!idle) return { startMs, startCpuMs };
    await sleep(IDLE_MS);
    return { startMs, startCpuMs, rssMiB: residentMiB(pid) };
  } finally {
    await controller.stop();
  }
}

async function measureWith(
  rollouts: number,
  paths: ControllerPath[],
  dir: string,
): Promise<Array<[string, string]>> {
  const cluster = await startDevCluster({ simulate: false });
  try {
    installCrds(cluster);
    await sleep(20);
    const def = cluster.api.resource('argoproj.io', 'v1alpha1', 'rollouts');
    for (let i = 0; i < rollouts; i++) {
      const created = cluster.api.create(def, 'default', aRollout(`r-${i}`));
      cluster.api.update(
        def,
        'default',
        `r-${i}`,
        {
          ...created,
          status: { phase: 'Healthy', observedGeneration: String(created.metadata.generation) },
        },
        { subresource: 'status' },
      );
    }
    const kubeconfig = join(dir, `kubeconfig-${rollouts}`);
    writeFileSync(kubeconfig, kubeconfigFor(cluster.url));
    const samples = new Map(paths.map((p) => [p.name, [] as Sample[]]));
    for (let i = 0; i < STARTS; i++)
      for (const p of paths)
        samples.get(p.name)?.push(await startOnce(p, kubeconfig, p.idle && i < IDLE_STARTS));
    return paths.flatMap((p): Array<[string, string]> => {
      const taken = samples.get(p.name) ?? [];
      const rss = taken.flatMap((s) => (s.rssMiB === undefined ? [] : [s.rssMiB]));
      const cpu = taken.flatMap((s) => (s.startCpuMs === undefined ? [] : [s.startCpuMs]));
      const label = `${p.name}, ${rollouts} Rollouts`;
      return [
        [
          `${label}: start to /healthz (median of ${taken.length}, ms)`,
          median(taken.map((s) => s.startMs)).toFixed(0),
        ],
        ...(cpu.length > 0
          ? [
              [
                `${label}: CPU time until /healthz answers (median, ms)`,
                median(cpu).toFixed(0),
              ] as [string, string],
            ]
          : []),
        ...(rss.length > 0
          ? [
              [
                `${label}: resident 10 s after start (median of ${rss.length}, MiB)`,
                median(rss).toFixed(1),
              ] as [string, string],
            ]
          : []),
      ];
    });
  } finally {
    await cluster.close();
  }
}

export async function benchControllerFootprint(): Promise<Array<[string, string]>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-footprint-'));
  try {
    const built = join(dir, 'dist');
    execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', built, '--standalone'], {
      cwd: REPO_ROOT,
      stdio: 'ignore',
    });
    const paths: ControllerPath[] = [
      { name: 'tsx', args: ['--import', 'tsx', 'functions/node.ts'], idle: true },
      // The image's /tmp starts empty on every pod start, so tsx compiled everything each time.
      {
        name: 'tsx, no compile cache',
        args: ['--import', 'tsx', 'functions/node.ts'],
        env: { TSX_DISABLE_CACHE: '1' },
        idle: false,
      },
      {
        name: 'built',
        args: ['--enable-source-maps', join(built, 'functions/node.js')],
        idle: true,
      },
    ];
    const bare: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      const t = performance.now();
      execFileSync(process.execPath, ['-e', '0']);
      bare.push(performance.now() - t);
    }
    // What this machine takes to start any Node process, for reading the rows below.
    const rows: Array<[string, string]> = [
      ['reference: `node -e 0`, start to exit (median ms)', median(bare).toFixed(0)],
    ];
    for (const rollouts of ROLLOUTS) rows.push(...(await measureWith(rollouts, paths, dir)));
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
