import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDevGitHubCli } from '../../functions/devgithub.js';
import { startHookReceiver } from './support.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs the CLI as the README does (a separate tsx process) and collects its output. */
function runCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'functions/devgithub.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => done({ code, out, err }));
  });
}

function inProcess(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  return runDevGitHubCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) }).then(
    (code) => ({ code, out, err }),
  );
}

describe('functions/devgithub.ts', () => {
  let server: ChildProcess;
  let url = '';
  let dir = '';
  let hook: Awaited<ReturnType<typeof startHookReceiver>>;

  beforeAll(async () => {
    hook = await startHookReceiver({ status: 202, body: 'queued 2 manifests' });
    await mkdir(join(ROOT, '.rollouts'), { recursive: true });
    dir = await mkdtemp(join(ROOT, '.rollouts', 'devgithub-cli-'));
    server = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'functions/devgithub.ts',
        'serve',
        '--port',
        '0',
        '--repo',
        'dev/shop',
        '--hook',
        hook.url,
        '--secret',
        's3cret',
        '--user',
        'alice:write',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    url = await new Promise<string>((found, fail) => {
      let seen = '';
      server.stdout?.on('data', (c: Buffer) => {
        seen += c.toString();
        const m = /GitHub REST API on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
        if (m?.[1]) found(m[1]);
      });
      server.on('exit', (code) => fail(new Error(`serve exited with ${code}: ${seen}`)));
    });
  }, 30_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await hook.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pushes a local directory, replacing what was at that path, and prints the hook answer', async () => {
    await mkdir(join(dir, 'nested'), { recursive: true });
    await writeFile(join(dir, 'rollout.yaml'), 'kind: Rollout\n');
    await writeFile(join(dir, 'service.yaml'), 'kind: Service\n');
    await writeFile(join(dir, 'nested', 'extra.yaml'), 'kind: ConfigMap\n');
    const first = await runCli([
      'push',
      dir,
      '--url',
      url,
      '--repo',
      'dev/shop',
      '--to',
      'k8s/shop',
      '--message',
      'Shop v1',
    ]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^pushed dev\/shop@main [0-9a-f]{40} \(3 files under k8s\/shop\)/);
    expect(first.out).toContain('202 queued 2 manifests');
    expect(hook.received[0]?.payload).toMatchObject({
      ref: 'refs/heads/main',
      created: true,
      head_commit: {
        message: 'Shop v1',
        added: ['k8s/shop/nested/extra.yaml', 'k8s/shop/rollout.yaml', 'k8s/shop/service.yaml'],
      },
    });
    expect(hook.received[0]?.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);

    await unlink(join(dir, 'service.yaml'));
    await writeFile(join(dir, 'rollout.yaml'), 'kind: Rollout\nspec: {}\n');
    const second = await runCli([
      'push',
      dir,
      '--url',
      url,
      '--repo',
      'dev/shop',
      '--to',
      'k8s/shop',
    ]);
    expect(second.code).toBe(0);
    expect(second.out).toContain('1 removed');
    expect(hook.received[1]?.payload.head_commit).toMatchObject({
      added: [],
      modified: ['k8s/shop/rollout.yaml'],
      removed: ['k8s/shop/service.yaml'],
    });
  });

  it('comments, shows statuses and lists and redelivers deliveries against the running server', async () => {
    const sha = String(hook.received[0]?.payload.after);
    const status = await fetch(`${url}/repos/dev/shop/statuses/${sha}`, {
      method: 'POST',
      headers: { authorization: 'token dev-token' },
      body: JSON.stringify({ state: 'success', context: 'rollouts/shop', description: 'Healthy' }),
    });
    expect(status.status).toBe(201);
    const shown = await inProcess(['statuses', sha, '--url', url, '--repo', 'dev/shop']);
    expect(shown.out[0]).toBe(`dev/shop @ ${sha.slice(0, 12)}: combined success (1 contexts)`);
    expect(shown.out.join('\n')).toContain('rollouts/shop  Healthy');
    const commented = await inProcess([
      'comment',
      '/rollouts promote shop',
      '--user',
      'alice',
      '--commit',
      sha,
      '--url',
      url,
      '--repo',
      'dev/shop',
    ]);
    expect(commented.code).toBe(0);
    expect(hook.received.at(-1)?.payload).toMatchObject({
      action: 'created',
      comment: { body: '/rollouts promote shop', author_association: 'MEMBER' },
    });
    const listed = await inProcess(['deliveries', '--url', url]);
    expect(listed.out).toHaveLength(3);
    const id = hook.received[0]?.headers['x-github-delivery'] as string;
    const again = await inProcess(['redeliver', id, '--url', url]);
    expect(again.code).toBe(0);
    expect(hook.received.at(-1)?.headers['x-github-delivery']).toBe(id);
  });

  it('fails clearly on a bad token or an unknown command', async () => {
    const denied = await inProcess(['deliveries', '--url', url, '--token', 'nope']);
    expect(denied.code).toBe(1);
    expect(denied.err[0]).toContain('401 Bad credentials');
    expect((await inProcess(['frobnicate'])).code).toBe(2);
  });

  it('names the address it tried when nothing listens there', async () => {
    const gone = await startHookReceiver({ status: 200, body: '' });
    const free = new URL(gone.url).origin;
    await gone.close();
    const missed = await inProcess(['statuses', 'main', '--url', free]);
    expect(missed.code).toBe(1);
    expect(missed.err.join('\n')).toContain(`GET ${free}/_dev/statuses`);
    expect(missed.err.join('\n')).toMatch(/ECONNREFUSED.*DEVGITHUB_URL/);
  });

  it("makes a --user who owns a --repo that repository's admin, as GitHub does for user repositories", async () => {
    const stop = new AbortController();
    const lines: string[] = [];
    const serving = runDevGitHubCli(
      [
        'serve',
        '--port',
        '0',
        '--repo',
        'Codertocat/Hello-World',
        '--repo',
        'dev/other',
        '--user',
        'Codertocat:write',
      ],
      { out: (l) => lines.push(l), err: () => undefined },
      stop.signal,
    );
    try {
      await expect
        .poll(() => lines.some((l) => l.includes('GitHub REST API on')), { timeout: 5000 })
        .toBe(true);
      const base = /on (http:\/\/\S+)/.exec(lines[0] ?? '')?.[1] ?? '';
      const role = async (repo: string) => {
        const res = await fetch(`${base}/repos/${repo}/collaborators/Codertocat/permission`, {
          headers: { authorization: 'token dev-token' },
        });
        return {
          status: res.status,
          body: (await res.json()) as { permission?: string; user?: { type?: string } },
        };
      };
      const own = await role('Codertocat/Hello-World');
      expect(own.status).toBe(200);
      expect(own.body.permission).toBe('admin');
      expect(own.body.user?.type).toBe('User');
      expect((await role('dev/other')).body.permission).toBe('write');
      expect(lines).toContain('  user Codertocat: write, admin of the repositories it owns');
    } finally {
      stop.abort();
      await serving;
    }
  });
});
