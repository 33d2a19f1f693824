import {
  createExecutionContext,
  createScheduledController,
  env,
  runInDurableObject,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { sign } from '@octokit/webhooks-methods';
import { describe, expect, inject, it } from 'vitest';
import worker, { ReconcilerObject } from '../../functions/worker.js';
import type { Release } from '../../src/domain/fleet.js';
import type { Hint } from '../../src/domain/hint.js';
import type { Rollout } from '../../src/domain/index.js';
import type { AlarmPlan } from '../../src/runtime/workers/alarm-plan.js';
import { objectKey } from '../../src/runtime/workers/object-key.js';
import type { ReconcilerEnv } from '../../src/runtime/workers/reconciler-object.js';
import { FLEET_GITHUB_TOKEN, FLEET_REPO } from './fleet-clusters.setup.js';

/**
 * Fleet releases on Workers (issue 21 §1, "works on Workers"): the Worker's real entry and
 * composition with FLEET_CONFIG bound, inside workerd, against the devclusters and GitHub
 * emulator fleet-clusters.setup.ts starts in Node (reached over loopback). A signed push becomes a
 * GitSource hint; its Durable Object starts the Release; the Release's object steps it on each
 * alarm until it has gone out to east (bearer token), then west (Cloudflare Access headers).
 *
 * The objects run with this test's bindings (as entry-bindings.test.ts builds them), so hints go
 * to a recorder here rather than to the runtime's objects, which hold vitest.config.ts's bindings;
 * the recorder wakes each object when the alarm its last run armed is due. Each member cluster's
 * own controller (outside this Worker) is played by `settleMembers`: it marks the Rollout Healthy
 * on the generation the release applied.
 */
const world = inject('fleetWorld');
const SECRET = 'fleet-webhook-secret';

/** Hints the composition sends, by object key, with when that object's alarm is due. */
const due = new Map<string, { hint: Hint; at: number }>();
const recorder = {
  idFromName: (name: string) => name as unknown as DurableObjectId,
  get: () => ({
    poke: (hint: Hint) => {
      due.set(objectKey(hint), { hint, at: Date.now() });
      return Promise.resolve();
    },
  }),
};

const bindings = {
  RECONCILER: recorder,
  KUBE_SERVER: world.home,
  KUBE_TOKEN: 'home-token',
  GITOPS_CONFIG: JSON.stringify({
    cluster: 'workers',
    sources: [
      {
        name: 'shop',
        repo: FLEET_REPO,
        path: 'k8s',
        namespace: 'default',
        waves: [{ clusters: ['east'] }, { clusters: ['west'] }],
      },
    ],
  }),
  GITHUB_API_URL: world.github,
  GITHUB_TOKEN: FLEET_GITHUB_TOKEN,
  GITHUB_WEBHOOK_SECRET: SECRET,
  FLEET_CONFIG: JSON.stringify({
    clusters: [
      { name: 'east', server: world.east, token: { env: 'EAST_TOKEN' } },
      {
        name: 'west',
        server: world.west,
        headers: {
          'CF-Access-Client-Id': { env: 'WEST_ACCESS_ID' },
          'CF-Access-Client-Secret': { env: 'WEST_ACCESS_SECRET' },
        },
      },
    ],
  }),
  FLEET_POLL: '1s',
  EAST_TOKEN: 'east-token',
  WEST_ACCESS_ID: 'west.access',
  WEST_ACCESS_SECRET: 'west-access-secret',
} as unknown as ReconcilerEnv;

async function push(sha: string): Promise<Response> {
  const body = JSON.stringify({
    ref: 'refs/heads/main',
    before: '0'.repeat(40),
    after: sha,
    deleted: false,
    repository: { full_name: FLEET_REPO },
    commits: [{ id: sha, added: ['k8s/rollout.yaml'], removed: [], modified: [] }],
  });
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request('https://rollouts.test/hooks/github', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': crypto.randomUUID(),
        'x-hub-signature-256': await sign(SECRET, body),
      },
      body,
    }) as Request<unknown, IncomingRequestCfProperties>,
    bindings,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

const sweep = (): Promise<void> => worker.scheduled(createScheduledController(), bindings);

/** What the object's alarm does with `hint`, in an object built with this test's bindings. */
async function runObject(hint: Hint): Promise<AlarmPlan | undefined> {
  const stub = env.RECONCILER.get(env.RECONCILER.idFromName(`fleet/${crypto.randomUUID()}`));
  return runInDurableObject(stub, async (_instance, state) => {
    const object = new ReconcilerObject(state, bindings);
    await state.storage.put('hint', hint);
    const plan = await object.reconcileNow();
    // Built here with these bindings: the runtime's twin of this object must not run it later.
    await state.storage.deleteAlarm();
    await state.storage.deleteAll();
    return plan;
  });
}

/** Runs every object whose alarm is due; each re-arms for what its run planned. */
async function runDueObjects(): Promise<Hint[]> {
  const ran: Hint[] = [];
  for (const [key, { hint, at }] of [...due]) {
    if (at > Date.now()) continue;
    due.delete(key);
    ran.push(hint);
    const plan = await runObject(hint);
    if (plan && !plan.forget && plan.alarmAt !== null && !due.has(key))
      due.set(key, { hint, at: plan.alarmAt });
  }
  return ran;
}

const ROLLOUTS = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';

async function rolloutIn(server: string): Promise<Rollout | undefined> {
  const res = await fetch(`${server}${ROLLOUTS}/shop`);
  return res.ok ? ((await res.json()) as Rollout) : undefined;
}

/** Each member's own controller: the Rollout the release applied goes Healthy on its generation. */
async function settleMembers(): Promise<void> {
  for (const server of [world.east, world.west]) {
    const r = await rolloutIn(server);
    const generation = r?.metadata.generation;
    if (!r || generation === undefined || Number(r.status?.observedGeneration) >= generation)
      continue;
    const patch = (path: string, body: unknown) =>
      fetch(`${server}${ROLLOUTS}/shop${path}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify(body),
      });
    await patch('', { metadata: { annotations: { 'rollout.argoproj.io/revision': '1' } } });
    await patch('/status', {
      status: { phase: 'Healthy', observedGeneration: String(generation) },
    });
  }
}

async function releaseOf(sha: string): Promise<Release | undefined> {
  const res = await fetch(
    `${world.home}/apis/rollouts.serverless.dev/v1alpha1/namespaces/default/releases`,
  );
  const { items } = (await res.json()) as { items: Release[] };
  return items.find((r) => r.spec.commit === sha);
}

describe('fleet releases on Workers', () => {
  it('a push starts a Release; its alarms deliver the commit to east, then west', async () => {
    const res = await push(world.sha);
    expect(res.status).toBe(202);
    expect([...due.values()].map((d) => d.hint)).toEqual([
      { kind: 'GitSource', namespace: 'default', name: 'shop' },
    ]);

    const seen: string[] = [];
    let release: Release | undefined;
    let swept = false;
    const end = Date.now() + 60_000;
    while (Date.now() < end) {
      const ran = await runDueObjects();
      seen.push(...ran.map((h) => h.kind));
      await settleMembers();
      release = await releaseOf(world.sha);
      if (release?.status?.phase === 'Succeeded' || release?.status?.phase === 'Failed') break;
      if (release && !swept) {
        // Every alarm lost: the cron sweep finds the unfinished release and wakes its object.
        due.clear();
        await sweep();
        expect([...due.values()].map((d) => d.hint)).toEqual([
          { kind: 'Release', namespace: 'default', name: release.metadata.name },
        ]);
        swept = true;
      }
      // West must not have the commit before east's wave has passed.
      if (release?.status?.waves[0]?.passedAt === undefined)
        expect(await rolloutIn(world.west)).toBeUndefined();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(release?.status?.phase).toBe('Succeeded');
    expect(swept).toBe(true);
    expect(seen).toContain('GitSource');
    expect(seen).toContain('Release');
    const [east, west] = release?.status?.waves ?? [];
    expect(east?.clusters.map((c) => c.name)).toEqual(['east']);
    expect(west?.clusters.map((c) => c.name)).toEqual(['west']);
    expect(Date.parse(west?.startedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(east?.passedAt ?? ''),
    );
    for (const server of [world.east, world.west]) {
      const spec = (await rolloutIn(server))?.spec.template?.spec as
        { containers: Array<{ image: string }> } | undefined;
      expect(spec?.containers[0]?.image).toBe('registry.example/shop:v1');
    }
    // The Worker's own cluster holds the Release and none of the source's objects.
    expect(await rolloutIn(world.home)).toBeUndefined();
  }, 90_000);
});
