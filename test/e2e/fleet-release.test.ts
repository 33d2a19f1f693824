import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EntryProcess,
  eventually,
  freePort,
  ROOT,
  startEntry,
} from '../functions/entry-support.js';
import { kubectlRunner, kubectlVersion } from '../support/kubectl-session.js';

const run = promisify(execFile);
const CLUSTERS = ['fleet-1', 'fleet-2', 'fleet-3'];

/**
 * Issue 21's acceptance, as a new user tries it: `FLEET=3 DEVGITHUB=on npm start`, then the README's
 * commands (kubectl, `functions/devgithub.ts push`, `rollouts`) in a copy of the checkout. A push
 * canaries in fleet-1, soaks, then fleet-2, then fleet-3; a failing analysis in fleet-2 stops the
 * release with fleet-3 untouched and GitHub saying where and why.
 */
describe.skipIf(!kubectlVersion)(
  `FLEET=3 DEVGITHUB=on npm start: a push goes out in waves${kubectlVersion ? '' : ' (skipped: kubectl is not on PATH)'}`,
  () => {
    let sandbox = '';
    let p: EntryProcess | undefined;
    let devgithub = '';
    let kubectl: ReturnType<typeof kubectlRunner>;
    const env = () => ({
      PATH: process.env.PATH ?? '',
      HOME: sandbox,
      KUBECONFIG: join(sandbox, '.rollouts/kubeconfig'),
      DEVGITHUB_URL: devgithub,
    });
    const push = async (dir: string) => {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'functions/devgithub.ts', 'push', dir, '--to', 'deploy'],
        { cwd: sandbox, env: env() },
      );
      const sha = /@main ([0-9a-f]{40})/.exec(stdout)?.[1];
      if (!sha) throw new Error(`no commit in: ${stdout}`);
      return sha;
    };
    const image = async (cluster: string) =>
      (
        await kubectl.kubectl(
          '--context',
          cluster,
          'get',
          'rollout',
          'shop',
          '-o',
          'jsonpath={.spec.template.spec.containers[0].image}',
        )
      ).stdout;
    const release = async (sha: string) => {
      const out = await kubectl.ok(
        '--context',
        'fleet-1',
        'get',
        'release',
        `shop-${sha.slice(0, 7)}`,
        '-o',
        'json',
      );
      return JSON.parse(out) as {
        status?: {
          phase?: string;
          failure?: { cluster: string; reason: string };
          waves: Array<{ healthyAt?: string; passedAt?: string; startedAt?: string }>;
        };
      };
    };
    const phaseOf = async (sha: string, want: string) =>
      eventually(
        async () => ((await release(sha)).status?.phase === want ? true : undefined),
        `release ${sha.slice(0, 7)} ${want}`,
        150_000,
      );

    beforeAll(async () => {
      sandbox = await mkdtemp(join(tmpdir(), 'fleet-release-'));
      for (const path of [
        'src',
        'functions',
        'manifests',
        'examples',
        'package.json',
        'tsconfig.json',
      ])
        await cp(join(ROOT, path), join(sandbox, path), { recursive: true });
      await symlink(join(ROOT, 'node_modules'), join(sandbox, 'node_modules'), 'dir');
      const port = await freePort();
      devgithub = `http://127.0.0.1:${port}`;
      p = startEntry(
        ['--import', 'tsx', 'functions/dev.ts'],
        {
          FLEET: '3',
          DEVGITHUB: 'on',
          DEVGITHUB_PORT: String(port),
          FLEET_SOAK: '4s',
          FLEET_POLL: '1s',
          KUBE_PORT: '0',
          PORT: '0',
          POD_READY_SECONDS: '0',
        },
        sandbox,
      );
      await p.waitFor(/Ctrl-C stops everything/, 120_000);
      kubectl = kubectlRunner(env(), sandbox);
      for (const c of CLUSTERS)
        await kubectl.ok('--context', c, 'apply', '-f', 'examples/fleet/smoke-passing.yaml');
    }, 180_000);
    afterAll(async () => {
      await p?.stop();
      if (sandbox) await rm(sandbox, { recursive: true, force: true });
    });

    it('the first push, then an update, canary cluster by cluster: each wave after the one before soaked', async () => {
      await phaseOf(await push('examples/fleet/deploy'), 'Succeeded');
      for (const c of CLUSTERS) expect(await image(c)).toBe('nginx:1.25');
      const next = join(sandbox, 'v2');
      await cp(join(sandbox, 'examples/fleet/deploy'), next, { recursive: true });
      const manifest = join(next, 'rollout.yaml');
      await writeFile(
        manifest,
        (await readFile(manifest, 'utf8')).replace('nginx:1.25', 'nginx:1.26'),
      );
      const sha = await push(next);
      // Seen from outside while it runs: a later cluster never has the image before an earlier one.
      const order: string[] = [];
      await eventually(
        async () => {
          for (const c of CLUSTERS)
            if (!order.includes(c) && (await image(c)) === 'nginx:1.26') order.push(c);
          return (await release(sha)).status?.phase === 'Succeeded' ? true : undefined;
        },
        'the update released everywhere',
        150_000,
      );
      expect(order).toEqual(CLUSTERS);
      const waves = (await release(sha)).status?.waves ?? [];
      for (let i = 1; i < waves.length; i++)
        expect(Date.parse(waves[i]?.startedAt ?? '')).toBeGreaterThanOrEqual(
          Date.parse(waves[i - 1]?.healthyAt ?? '') + 4000,
        );
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'functions/devgithub.ts', 'statuses', sha],
        { cwd: sandbox, env: env() },
      );
      for (const wave of [1, 2, 3])
        expect(stdout).toMatch(new RegExp(`success\\s+release/shop/wave-${wave}`));
      for (const c of CLUSTERS)
        expect(stdout).toMatch(new RegExp(`success\\s+rollout/${c}/default/shop`));
    }, 300_000);

    it('a failing analysis in fleet-2 stops the release there: fleet-3 is untouched, GitHub says where and why', async () => {
      await kubectl.ok('--context', 'fleet-2', 'apply', '-f', 'examples/fleet/smoke-failing.yaml');
      const next = join(sandbox, 'v3');
      await cp(join(sandbox, 'examples/fleet/deploy'), next, { recursive: true });
      const manifest = join(next, 'rollout.yaml');
      await writeFile(
        manifest,
        (await readFile(manifest, 'utf8')).replace('nginx:1.25', 'nginx:1.27'),
      );
      const sha = await push(next);
      await phaseOf(sha, 'Failed');
      const failed = await release(sha);
      expect(failed.status?.failure).toMatchObject({
        cluster: 'fleet-2',
        reason: 'the Rollout was aborted',
      });
      expect(await image('fleet-1')).toBe('nginx:1.27');
      expect(await image('fleet-3')).toBe('nginx:1.26');
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'functions/devgithub.ts', 'statuses', sha],
        { cwd: sandbox, env: env() },
      );
      expect(stdout).toMatch(
        /failure\s+release\/shop\/wave-2\s+fleet-2: default\/shop: the Rollout was aborted/,
      );
      expect(stdout).toMatch(
        /error\s+release\/shop\/wave-3\s+not delivered: the release failed in fleet-2/,
      );
      expect(stdout).toMatch(/failure\s+rollout\/fleet-2\/default\/shop\s+aborted: .*smoke/);
      await kubectl.ok('--context', 'fleet-2', 'apply', '-f', 'examples/fleet/smoke-passing.yaml');
    }, 300_000);

    it('rollouts freeze --fleet holds the in-flight Rollout at its step in every cluster until unfreeze', async () => {
      const rollouts = (...args: string[]) =>
        run(process.execPath, ['--import', 'tsx', 'functions/cli.ts', ...args], {
          cwd: sandbox,
          env: env(),
        });
      const next = join(sandbox, 'v4');
      await cp(join(sandbox, 'examples/fleet/deploy'), next, { recursive: true });
      const manifest = join(next, 'rollout.yaml');
      await writeFile(
        manifest,
        (await readFile(manifest, 'utf8')).replace('nginx:1.25', 'nginx:1.28'),
      );
      const sha = await push(next);
      await eventually(
        async () => ((await image('fleet-1')) === 'nginx:1.28' ? true : undefined),
        'fleet-1 has the update',
        60_000,
      );
      const frozen = await rollouts('freeze', '--fleet', '--reason', 'incident 7');
      for (const c of CLUSTERS)
        expect(frozen.stdout).toContain(`${c}: stop switch set for cluster ${c}: incident 7`);
      const step = async (c: string) =>
        kubectl.ok(
          '--context',
          c,
          'get',
          'rollout',
          'shop',
          '-o',
          'jsonpath={.status.currentStepIndex}',
        );
      await eventually(
        async () => ((await release(sha)).status?.phase === 'Held' ? true : undefined),
        'the release held',
        30_000,
      );
      const at = await step('fleet-1');
      // Longer than the canary's 5 s pauses: a held Rollout does not move on.
      await new Promise((r) => setTimeout(r, 12_000));
      expect(await step('fleet-1')).toBe(at);
      expect(
        await kubectl.ok(
          '--context',
          'fleet-1',
          'get',
          'rollout',
          'shop',
          '-o',
          'jsonpath={.status.message}',
        ),
      ).toContain('incident 7');
      expect(await image('fleet-2')).not.toBe('nginx:1.28');
      const status = await rollouts('status', 'shop', '--context', 'fleet-1', '--watch=false');
      expect(status.stdout).toContain('incident 7');
      await rollouts('unfreeze', '--fleet');
      await phaseOf(sha, 'Succeeded');
      for (const c of CLUSTERS) expect(await image(c)).toBe('nginx:1.28');
    }, 300_000);
  },
);
