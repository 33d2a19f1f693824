import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevGitHub, type DevGitHub } from '../../src/devgithub/index.js';
import type { Release } from '../../src/domain/fleet.js';
import type { Rollout } from '../../src/domain/index.js';
import { aCanaryRollout } from '../controller/world.js';
import {
  buildEntries,
  type EntryProcess,
  eventually,
  freePort,
  startEntry,
  startTestCluster,
  type TestCluster,
} from './entry-support.js';

/**
 * FLEET_CONFIG (issue 21 §1) through the real entry point, `dist/functions/node.js` as the image
 * runs it: a fleet of one's own clusters outside `npm start`. Two devclusters, `east` and `west`;
 * the home controller runs against east (its KUBECONFIG, where the Release objects live) and
 * reaches both through FLEET_CONFIG with bearer tokens read from the variables it names; a second
 * controller runs in west as any member cluster's own does. A push to the watched path goes out
 * to east, then west. (TLS, client certificates and headers: test/runtime/node/fleet-connections.)
 */
let out = '';
let east: TestCluster;
let west: TestCluster;
const running: EntryProcess[] = [];

beforeAll(async () => {
  [out, east, west] = await Promise.all([buildEntries(), startTestCluster(), startTestCluster()]);
}, 120_000);
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  await Promise.all([east?.close(), west?.close()]);
  if (out) await rm(out, { recursive: true, force: true });
});

function start(env: Record<string, string>): EntryProcess {
  const p = startEntry(['--enable-source-maps', join(out, 'functions/node.js')], {
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  running.push(p);
  return p;
}

const fleetConfig = (clusters: Record<string, string>) =>
  JSON.stringify({
    clusters: Object.entries(clusters).map(([name, server]) => ({
      name,
      server,
      token: { env: `${name.toUpperCase()}_TOKEN` },
    })),
  });

const gitopsConfig = (waves?: unknown[]) =>
  JSON.stringify({
    cluster: 'home',
    sources: [
      {
        name: 'shop',
        repo: 'acme/shop',
        branch: 'main',
        path: 'deploy',
        namespace: 'default',
        ...(waves ? { waves } : {}),
      },
    ],
  });

const GITHUB = { GITHUB_TOKEN: 'fleet-gh-token', GITHUB_WEBHOOK_SECRET: 'fleet-wh' };

describe('functions/node.ts: FLEET_CONFIG problems', () => {
  it('exits 2 listing every problem at once, naming variables, echoing no value', async () => {
    const p = start({
      KUBECONFIG: east.kubeconfig,
      FLEET_CONFIG: JSON.stringify({
        clusters: [
          { name: 'east', server: east.cluster.url, token: { env: 'EAST_TOKEN' } },
          { name: 'west', server: 'ftp://west.example', token: 'inline-token-value' },
        ],
      }),
      FLEET_POLL: 'often',
      GITOPS_CONFIG: gitopsConfig([{ clusters: ['east'] }]),
      GITHUB_API_URL: 'http://127.0.0.1:9',
      ...GITHUB,
    });
    expect(await p.exited).toBe(2);
    const said = p.output();
    for (const problem of [
      'FLEET_CONFIG: clusters[1].server must be an https URL',
      'FLEET_CONFIG: clusters[1].token must be {env: VARIABLE}',
      'FLEET_POLL must be a positive duration',
    ])
      expect(said).toContain(problem);
    expect(said).not.toContain('inline-token-value');
  });

  it.each([
    [
      'a variable a reference names is unset',
      { FLEET_CONFIG: fleetConfig({ east: 'http://127.0.0.1:1' }), EAST_TOKEN: '' },
      gitopsConfig([{ clusters: ['east'] }]),
      'FLEET_CONFIG cluster "east": token names EAST_TOKEN, which is not set (or empty)',
    ],
    [
      'waves without FLEET_CONFIG',
      {},
      gitopsConfig([{ clusters: ['east'] }]),
      'source "shop" has waves but no fleet is configured',
    ],
    [
      'waves naming a cluster not in the fleet',
      { FLEET_CONFIG: fleetConfig({ east: 'http://127.0.0.1:1' }), EAST_TOKEN: 'secret-east' },
      gitopsConfig([{ clusters: ['east'] }, { clusters: ['north'] }]),
      'source "shop" waves[1]: "north" is not a cluster of the fleet',
    ],
    [
      'FLEET_CONFIG without GitOps',
      { FLEET_CONFIG: fleetConfig({ east: 'http://127.0.0.1:1' }), EAST_TOKEN: 'secret-east' },
      undefined,
      'FLEET_CONFIG is set but GitOps is not',
    ],
  ])('%s: exits 2 saying so', async (_what, env, gitops, message) => {
    const p = start({
      KUBECONFIG: east.kubeconfig,
      ...env,
      ...(gitops ? { GITOPS_CONFIG: gitops, GITHUB_API_URL: 'http://127.0.0.1:9', ...GITHUB } : {}),
    });
    expect(await p.exited).toBe(2);
    expect(p.output()).toContain(message);
    expect(p.output()).not.toContain('secret-east');
  });
});

describe('functions/node.ts: FLEET_CONFIG with two clusters', () => {
  let gh: DevGitHub;

  beforeAll(async () => {
    gh = await startDevGitHub({ host: '127.0.0.1', port: 0, tokens: [GITHUB.GITHUB_TOKEN] });
    gh.createRepo('acme/shop');
    const port = await freePort();
    gh.addHook('acme/shop', {
      url: `http://127.0.0.1:${port}/hooks/github`,
      secret: GITHUB.GITHUB_WEBHOOK_SECRET,
      events: ['push'],
    });
    const home = start({
      KUBECONFIG: east.kubeconfig,
      PORT: String(port),
      FLEET_CONFIG: fleetConfig({ east: east.cluster.url, west: west.cluster.url }),
      EAST_TOKEN: 'token-east',
      WEST_TOKEN: 'token-west',
      FLEET_POLL: '1s',
      GITOPS_CONFIG: gitopsConfig([{ clusters: ['east'] }, { clusters: ['west'] }]),
      GITHUB_API_URL: gh.url,
      ...GITHUB,
    });
    // West's own controller: what makes its Rollouts progress, as in any member cluster.
    const member = start({ KUBECONFIG: west.kubeconfig });
    await Promise.all(
      [home, member].map((p) => p.waitFor(/controller listening on :(\d+)/, 60_000)),
    );
  }, 90_000);
  afterAll(() => gh?.close());

  const rolloutIn = async (c: TestCluster) => {
    const res = await fetch(
      `${c.cluster.url}/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/shop`,
    );
    return res.ok ? ((await res.json()) as Rollout) : undefined;
  };
  const imageIn = async (c: TestCluster) => {
    const spec = (await rolloutIn(c))?.spec.template?.spec as
      { containers: Array<{ image: string }> } | undefined;
    return spec?.containers[0]?.image;
  };
  const releases = async (): Promise<Release[]> => {
    const res = await fetch(
      `${east.cluster.url}/apis/rollouts.serverless.dev/v1alpha1/namespaces/default/releases`,
    );
    return ((await res.json()) as { items: Release[] }).items;
  };
  const releaseOf = async (sha: string) => (await releases()).find((r) => r.spec.commit === sha);

  /** Pushes the Rollout with `image`; the release of that commit once it has succeeded. */
  async function pushAndRelease(image: string): Promise<Release> {
    const rollout = aCanaryRollout('shop', { replicas: 2, image, steps: [{ setWeight: 50 }] });
    const { sha, deliveries } = await gh.push('acme/shop', 'main', {
      files: { 'deploy/rollout.yaml': JSON.stringify(rollout) },
    });
    expect(deliveries.map((d) => d.status)).toEqual([202]);
    return eventually(
      async () => {
        const r = await releaseOf(sha);
        expect(r?.status?.phase).not.toBe('Failed');
        return r?.status?.phase === 'Succeeded' ? r : undefined;
      },
      `the release of ${image} to succeed`,
      90_000,
    );
  }

  it('a push goes out to east, then west; the Release in east records both waves', async () => {
    const first = await pushAndRelease('registry.example/shop:v1');
    const [wave1, wave2] = first.status?.waves ?? [];
    expect(wave1?.clusters.map((c) => c.name)).toEqual(['east']);
    expect(wave2?.clusters.map((c) => c.name)).toEqual(['west']);
    // West got the commit only once east had passed.
    expect(Date.parse(wave2?.startedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(wave1?.passedAt ?? ''),
    );
    const westCreated = (await rolloutIn(west))?.metadata.creationTimestamp ?? '';
    expect(Date.parse(westCreated)).toBeGreaterThanOrEqual(
      Math.floor(Date.parse(wave1?.passedAt ?? '') / 1000) * 1000,
    );
    expect(await imageIn(east)).toBe('registry.example/shop:v1');
    expect(await imageIn(west)).toBe('registry.example/shop:v1');

    // An update: the canary in each cluster goes Healthy on the new revision, in order.
    await pushAndRelease('registry.example/shop:v2');
    expect(await imageIn(east)).toBe('registry.example/shop:v2');
    expect(await imageIn(west)).toBe('registry.example/shop:v2');
    for (const c of [east, west]) expect((await rolloutIn(c))?.status?.phase).toBe('Healthy');
  }, 200_000);
});
