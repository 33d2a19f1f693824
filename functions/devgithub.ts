/**
 * `npx tsx functions/devgithub.ts <command>`: the GitHub emulator (src/devgithub) for local demos.
 *
 *   serve [--port 9000] [--host 127.0.0.1] [--repo dev/shop]… [--hook <url>] [--secret <s>]
 *         [--events push,issue_comment,commit_comment,pull_request] [--token dev-token]… [--user alice:write]…
 *   push <dir> [--repo dev/shop] [--branch main] [--to <path in repo>] [--message m] [--author login] [--from <branch>]
 *   delete-branch <branch> [--repo dev/shop]
 *   open-pr --head <branch> [--base main] --user <login> [--title t] [--repo dev/shop]
 *   comment "<text>" --user <login> (--commit <sha> | --pr <n>) [--repo dev/shop]
 *   statuses <sha|branch> [--repo dev/shop]
 *   redeliver <delivery id>
 *   deliveries [--limit 20]
 *
 * The client commands talk to a running `serve` through its dev-only `/_dev/` control surface
 * (documented in src/devgithub/control-routes.ts), at --url (or DEVGITHUB_URL, default
 * http://127.0.0.1:9000) with --token (or DEVGITHUB_TOKEN, default dev-token).
 */
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDevGitHub } from '../src/devgithub/index.js';
import type { Permission } from '../src/devgithub/index.js';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

interface Args {
  positional: string[];
  flags: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const value = eq > 0 ? a.slice(eq + 1) : (argv[++i] ?? '');
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positional, flags };
}

const flag = (args: Args, name: string, fallback?: string): string | undefined =>
  args.flags.get(name)?.at(-1) ?? fallback;
const PERMISSIONS: readonly string[] = ['admin', 'maintain', 'write', 'triage', 'read'];

/** Every file under `dir` (but `.git`), keyed by its path relative to `dir` with `/` separators. */
export async function readTree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (at: string): Promise<void> => {
    for (const e of await readdir(at, { withFileTypes: true })) {
      const path = join(at, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git') await walk(path);
      } else if (e.isFile())
        files[relative(dir, path).split(sep).join('/')] = (await readFile(path)).toString('base64');
    }
  };
  await walk(dir);
  return files;
}

async function control(
  args: Args,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the control surface's JSON, read field by field for printing
): Promise<any> {
  const base = flag(args, 'url', process.env.DEVGITHUB_URL ?? 'http://127.0.0.1:9000') as string;
  const token = flag(args, 'token', process.env.DEVGITHUB_TOKEN ?? 'dev-token') as string;
  const url = `${base.replace(/\/$/, '')}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e as Error).message;
    throw new Error(
      `${method} ${url}: ${why}; is the emulator running there? (DEVGITHUB=on npm start, or serve; --url or DEVGITHUB_URL names another address)`,
    );
  }
  const parsed: unknown = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new Error(
      `${method} ${url}: ${res.status} ${String((parsed as { message?: unknown }).message ?? '')}`,
    );
  return parsed;
}

function printDeliveries(io: CliIo, deliveries: unknown): void {
  const list = Array.isArray(deliveries)
    ? (deliveries as { id: string; event: string; status: number; body: string }[])
    : [];
  if (!list.length) io.out('  (no hook subscribed to this event)');
  for (const d of list)
    io.out(
      `  ${d.event} ${d.id} → ${d.status === 0 ? 'unreachable' : d.status} ${d.body.replace(/\s+/g, ' ').slice(0, 200)}`,
    );
}

async function serve(args: Args, io: CliIo, signal?: AbortSignal): Promise<number> {
  const tokens = args.flags.get('token') ?? ['dev-token'];
  const gh = await startDevGitHub({
    host: flag(args, 'host', '127.0.0.1') as string,
    port: Number(flag(args, 'port', '9000')),
    tokens,
    log: (l) => io.err(l),
  });
  const repos = args.flags.get('repo') ?? ['dev/shop'];
  const hook = flag(args, 'hook');
  const secret = flag(args, 'secret');
  const events = (flag(args, 'events', 'push,issue_comment,commit_comment,pull_request') as string)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  io.out(`devgithub: GitHub REST API on ${gh.url} (token: ${tokens.join(', ')})`);
  // Users first: a repository whose owner is one of them is a user repository (its owner is its
  // admin, as on GitHub); any other owner becomes an organisation.
  for (const spec of args.flags.get('user') ?? []) gh.addUser(spec.split(':')[0] ?? '');
  for (const name of repos) {
    gh.createRepo(name);
    io.out(`  repository ${name} (default branch main, empty until the first push)`);
    if (hook) gh.addHook(name, { url: hook, events, ...(secret ? { secret } : {}) });
    for (const spec of args.flags.get('user') ?? []) {
      const [login = '', permission = 'write'] = spec.split(':');
      if (!PERMISSIONS.includes(permission))
        throw new Error(`--user ${spec}: permission must be one of ${PERMISSIONS.join(', ')}`);
      gh.setPermission(name, login, permission as Permission);
    }
  }
  const owners = new Set(repos.map((r) => r.split('/')[0]?.toLowerCase()));
  for (const spec of args.flags.get('user') ?? []) {
    const [login = '', permission = 'write'] = spec.split(':');
    io.out(
      `  user ${login}: ${permission}${owners.has(login.toLowerCase()) ? ', admin of the repositories it owns' : ''}`,
    );
  }
  io.out(
    hook
      ? `  webhook → ${hook} (${events.join(', ')}${secret ? ', signed' : ', unsigned'})`
      : '  no webhook (pass --hook <url>)',
  );
  io.out('');
  io.out('Then, from another terminal:');
  io.out(`  npx tsx functions/devgithub.ts push <dir> --url ${gh.url} --repo ${repos[0]}`);
  io.out(`  curl -H 'authorization: token ${tokens[0]}' ${gh.url}/repos/${repos[0]}`);
  await new Promise<void>((done) =>
    signal?.aborted ? done() : signal?.addEventListener('abort', () => done(), { once: true }),
  );
  await gh.close();
  return 0;
}

async function push(args: Args, io: CliIo): Promise<number> {
  const dir = args.positional[1];
  if (!dir) throw new Error('push needs a directory');
  const rel = relative(process.cwd(), resolve(dir)).split(sep).join('/');
  const to = flag(args, 'to') ?? (rel.startsWith('..') || isAbsolute(rel) ? undefined : rel);
  if (to === undefined)
    throw new Error(
      `${dir} is outside the current directory: say where it goes with --to <path in repo>`,
    );
  const prefix = to.replace(/^\/+|\/+$/g, '');
  const local = await readTree(resolve(dir));
  const files = Object.fromEntries(
    Object.entries(local).map(([p, c]) => [prefix ? `${prefix}/${p}` : p, c]),
  );
  const repo = flag(args, 'repo', 'dev/shop') as string;
  const body = {
    repo,
    branch: flag(args, 'branch'),
    files,
    replace: prefix,
    message: flag(args, 'message', `Update ${prefix || 'repository'} from ${dir}`),
    author: flag(args, 'author'),
    from: flag(args, 'from'),
  };
  const r = await control(args, 'POST', '/_dev/push', body);
  const removed = Array.isArray(r.removed) ? r.removed.length : 0;
  io.out(
    `pushed ${repo}@${String(r.branch)} ${String(r.sha)} (${Object.keys(files).length} files under ${prefix || '/'}${removed ? `, ${removed} removed` : ''})`,
  );
  printDeliveries(io, r.deliveries);
  return 0;
}

async function statuses(args: Args, io: CliIo): Promise<number> {
  const repo = flag(args, 'repo', 'dev/shop') as string;
  const ref = args.positional[1] ?? 'main';
  const r = await control(
    args,
    'GET',
    `/_dev/statuses?repo=${encodeURIComponent(repo)}&ref=${encodeURIComponent(ref)}`,
  );
  const combined = r.combined as { state: string; total_count: number };
  io.out(
    `${repo} @ ${String(r.sha).slice(0, 12)}: combined ${combined.state} (${combined.total_count} contexts)`,
  );
  for (const s of r.statuses as {
    state: string;
    context: string;
    description: string | null;
    target_url: string | null;
    created_at: string;
  }[])
    io.out(
      `  ${s.created_at}  ${s.state.padEnd(8)} ${s.context}  ${s.description ?? ''}  ${s.target_url ?? ''}`,
    );
  const deployments = r.deployments as {
    id: number;
    environment: string;
    ref: string;
    task: string;
    creator: { login: string };
    statuses: { state: string; description: string; created_at: string; log_url: string }[];
  }[];
  io.out(deployments.length ? 'deployments:' : 'no deployments for this commit');
  for (const d of deployments) {
    io.out(`  #${d.id} ${d.environment} (ref ${d.ref}, task ${d.task}, by ${d.creator.login})`);
    for (const s of d.statuses)
      io.out(`    ${s.created_at}  ${s.state.padEnd(11)} ${s.description}  ${s.log_url}`);
  }
  return 0;
}

export async function runDevGitHubCli(
  argv: readonly string[],
  io: CliIo,
  signal?: AbortSignal,
): Promise<number> {
  const args = parseArgs(argv);
  const repo = flag(args, 'repo', 'dev/shop') as string;
  try {
    switch (args.positional[0]) {
      case 'serve':
        return await serve(args, io, signal);
      case 'push':
        return await push(args, io);
      case 'statuses':
        return await statuses(args, io);
      case 'delete-branch': {
        const r = await control(args, 'POST', '/_dev/delete-branch', {
          repo,
          branch: args.positional[1] ?? '',
        });
        io.out(`deleted ${repo}@${args.positional[1] ?? ''}`);
        printDeliveries(io, r.deliveries);
        return 0;
      }
      case 'open-pr': {
        const r = await control(args, 'POST', '/_dev/pull-request', {
          repo,
          head: flag(args, 'head'),
          base: flag(args, 'base', 'main'),
          user: flag(args, 'user'),
          title: flag(args, 'title'),
        });
        io.out(`opened ${repo}#${String(r.number)}`);
        printDeliveries(io, r.deliveries);
        return 0;
      }
      case 'comment': {
        const pr = flag(args, 'pr');
        const r = await control(args, 'POST', '/_dev/comment', {
          repo,
          user: flag(args, 'user'),
          body: args.positional[1] ?? '',
          ...(pr ? { pull: Number(pr) } : { commit: flag(args, 'commit') }),
        });
        io.out(
          `comment ${String(r.id)} on ${repo}${pr ? `#${pr}` : `@${flag(args, 'commit') ?? ''}`}`,
        );
        printDeliveries(io, r.deliveries);
        return 0;
      }
      case 'redeliver': {
        const r = await control(args, 'POST', '/_dev/redeliver', { id: args.positional[1] ?? '' });
        printDeliveries(io, [r]);
        return 0;
      }
      case 'deliveries': {
        const r = await control(
          args,
          'GET',
          `/_dev/deliveries?limit=${flag(args, 'limit', '20') as string}`,
        );
        const list = r as {
          id: string;
          event: string;
          status: number;
          repo: string;
          url: string;
          delivered_at: string;
          redelivery: boolean;
        }[];
        if (!list.length) io.out('no deliveries yet');
        for (const d of list)
          io.out(
            `${d.delivered_at}  ${d.id}  ${d.event.padEnd(14)} ${d.repo} → ${d.url}: ${d.status === 0 ? 'unreachable' : d.status}${d.redelivery ? ' (redelivery)' : ''}`,
          );
        return 0;
      }
      default:
        io.err(
          'usage: devgithub serve|push|delete-branch|open-pr|comment|statuses|redeliver|deliveries (see the comment at the top of functions/devgithub.ts)',
        );
        return 2;
    }
  } catch (e) {
    io.err(`devgithub: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const stop = new AbortController();
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.once(s, () => stop.abort());
  const code = await runDevGitHubCli(
    process.argv.slice(2),
    { out: (l) => console.log(l), err: (l) => console.error(l) },
    stop.signal,
  );
  process.exit(code);
}
