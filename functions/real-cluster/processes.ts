import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, openSync } from 'node:fs';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A free TCP port on loopback for a component (or a test's server) to bind a moment later. It is
 * drawn at random from below the kernel's ephemeral range: a port the OS hands out itself may
 * meanwhile become the local end of some outgoing connection (many run in parallel tests), and
 * the component's bind then fails with "address already in use". A port handed out here once is
 * not handed out again by this process.
 */
export async function freePort(): Promise<number> {
  const [low, high] = await (pool ??= portPool());
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port on 127.0.0.1 between ${low} and ${high} after 50 tries`);
}

const handedOut = new Set<number>();
let pool: Promise<[number, number]> | undefined;
/** Below the ephemeral range (Linux default 32768–60999), above most well-known servers. */
const POOL_LOW = 20_000;
const POOL_FALLBACK_HIGH = 32_768;

/** Where freePort draws from: [20000, the start of the ephemeral range). */
export async function portPool(): Promise<[number, number]> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '');
  const ephemeralLow = Number(range.trim().split(/\s+/)[0]);
  const high = ephemeralLow > POOL_LOW + 1000 ? ephemeralLow : POOL_FALLBACK_HIGH;
  return [POOL_LOW, high];
}

function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** util-linux's setpriv (Debian: always installed) sets the parent-death signal before exec. */
const PDEATHSIG = existsSync('/usr/bin/setpriv');

/** Fails with EADDRINUSE (which `npm start` explains) before any component starts on a taken port. */
export async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((done, fail) => {
    const server = createServer();
    server.on('error', (e: NodeJS.ErrnoException) => {
      const err: NodeJS.ErrnoException = new Error(
        `listen ${e.code ?? 'failed'}: 127.0.0.1:${port} is taken (KUBE_PORT)`,
      );
      err.code = e.code;
      fail(err);
    });
    server.listen(port, '127.0.0.1', () => server.close(() => done()));
  });
}

interface Running {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
}

/**
 * The control plane's processes. Each runs in its own process group (detached), so the terminal's
 * Ctrl-C reaches only `npm start`, which then stops them in reverse start order: kwok and the
 * controllers first, etcd last. Each also gets SIGKILL from the kernel if `npm start` dies (kill -9),
 * and their pids are kept in a file so a start after such a crash ends any leftovers of the
 * previous run, by pid, after checking they are our binaries.
 */
export class ControlPlaneProcesses {
  private readonly running: Running[] = [];
  private stopping = false;

  constructor(
    private readonly logDir: string,
    private readonly pidFile: string,
    private readonly onUnexpectedExit: (name: string, code: number | null, logFile: string) => void,
  ) {
    // Last resort when the Node process exits without stop() (an uncaught error): no orphans.
    process.on('exit', () => this.killAllNow());
  }

  start(name: string, bin: string, args: string[]): void {
    const logFile = join(this.logDir, `${name}.log`);
    const out = openSync(logFile, 'a');
    // setpriv --pdeathsig: the kernel ends the component when this process dies, even by kill -9.
    const [command, argv] = PDEATHSIG
      ? ['setpriv', ['--pdeathsig', 'KILL', '--', bin, ...args]]
      : [bin, args];
    const child = spawn(command, argv, { detached: true, stdio: ['ignore', out, out] });
    closeSync(out);
    const exited = new Promise<void>((done) => {
      child.on('exit', (code) => {
        if (!this.stopping) this.onUnexpectedExit(name, code, logFile);
        done();
      });
      child.on('error', (e) => {
        appendFileSync(logFile, `spawn failed: ${e.message}\n`);
        if (!this.stopping) this.onUnexpectedExit(name, null, logFile);
        done();
      });
    });
    this.running.push({ name, child, exited });
    void this.recordPids();
  }

  /** SIGTERM each process group, newest first; SIGKILL whatever is still there after `graceMs`. */
  async stopAll(graceMs = 5000): Promise<void> {
    this.stopping = true;
    for (const r of [...this.running].reverse()) {
      signalGroup(r.child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(r.child, 'SIGKILL'), graceMs);
      await r.exited;
      clearTimeout(timer);
      signalGroup(r.child, 'SIGKILL'); // anything the leader left behind in its group
    }
    this.running.length = 0;
    await rm(this.pidFile, { force: true });
  }

  private killAllNow(): void {
    for (const r of this.running) signalGroup(r.child, 'SIGKILL');
  }

  private async recordPids(): Promise<void> {
    const pids = this.running.map((r) => r.child.pid).filter((p): p is number => p !== undefined);
    await writeFile(this.pidFile, `${pids.join('\n')}\n`).catch(() => undefined);
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Ends processes a previous run left behind (its pid file survives only a hard kill), each by pid
 * and only if its command line is one of our binaries in `binDir`.
 */
export async function killLeftovers(
  pidFile: string,
  binDir: string,
  log: (line: string) => void,
): Promise<void> {
  const text = await readFile(pidFile, 'utf8').catch(() => '');
  for (const pid of text
    .split('\n')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 1)) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.startsWith(binDir)) continue;
    log(
      `real-cluster: stopping ${cmdline.split('\0')[0] ?? ''} (pid ${pid}) left by a previous run`,
    );
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
  }
  await sleep(100);
  await rm(pidFile, { force: true });
}
