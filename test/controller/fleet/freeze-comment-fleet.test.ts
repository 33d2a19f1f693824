import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubApi } from '../../../src/adapters/github/index.js';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import type { FleetClusters } from '../../../src/controller/fleet/fleet-clusters.js';
import { runCommands } from '../../../src/controller/gitops/run-commands.js';
import { loadStopSwitches } from '../../../src/controller/stop-switch-store.js';
import type { CommentEvent } from '../../../src/core/gitops/comment-event.js';
import { parseCommands } from '../../../src/core/gitops/commands.js';
import type { GitOpsConfig, GitSource } from '../../../src/core/gitops/config.js';
import { isoTime } from '../../../src/domain/time.js';
import { manifestsConfig } from '../gitops/gitops-world.js';
import { createSwitchNamespace } from '../stop-switch-support.js';
import { startWorld, type World } from '../world.js';

// `/rollouts freeze` on the controller that holds a fleet (issue 21 §5): namespace switches, as on
// one cluster, in every cluster the repository's sources deploy to (a source with waves: its
// waves' clusters; one without: this controller's cluster), and nowhere else.
let home: World;
let eu: World;
let us: World;
let ap: World;
beforeEach(async () => {
  const world = () => startWorld('shop');
  [home, eu, us, ap] = await Promise.all([world(), world(), world(), world()]);
  await Promise.all([home, eu, us, ap].map(createSwitchNamespace));
});
afterEach(() => Promise.all([home, eu, us, ap].map((w) => w.close())));

const REPO = 'acme/deploy';
/** The GitOps worlds' source of acme/deploy, changed by `o`. */
const aSource = (o: Partial<GitSource>): GitSource => ({
  ...(manifestsConfig().sources[0] as GitSource),
  ...o,
});
const config: GitOpsConfig = {
  cluster: 'home',
  sources: [
    aSource({
      name: 'shop',
      namespace: 'shop',
      waves: [
        { clusters: ['eu'], soakSeconds: 0, lockstep: false },
        { clusters: ['us'], soakSeconds: 0, lockstep: false },
      ],
      onFailure: 'halt',
    }),
    aSource({ name: 'tools', namespace: 'tools', path: 'tools' }),
    aSource({ name: 'other', fullName: 'acme/other', repo: 'other', namespace: 'other' }),
  ],
  maxFileBytes: 65536,
  maxFiles: 50,
};

const down = new KubeClient({ server: 'http://127.0.0.1:9', retry: false, timeoutMs: 2_000 });

function run(body: string, clusters: Record<string, KubeClient>) {
  const replies: string[] = [];
  const logs: string[] = [];
  const github = {
    permission: () => Promise.resolve('write'),
    comment: (_r: unknown, _t: unknown, text: string) => {
      replies.push(text);
      return Promise.resolve();
    },
  } as unknown as GitHubApi;
  const fleet: FleetClusters = {
    names: Object.keys(clusters),
    kubeFor: (name) => clusters[name] ?? down,
  };
  const comment: CommentEvent = {
    repository: REPO,
    commentId: 1,
    user: 'alice',
    userType: 'User',
    body,
    url: 'https://github.example/acme/deploy/pull/1#c1',
    target: { issue: 1 },
  };
  return runCommands(
    {
      kube: home.kube,
      config,
      github: () => Promise.resolve(github),
      now: () => home.h.clock.now(),
      fleet,
      log: (l) => logs.push(l),
    },
    comment,
    parseCommands(body),
  ).then((lines) => ({ lines, replies, logs }));
}

const scopes = async (w: World) =>
  (await loadStopSwitches(w.kube)).map((s) => `${s.scope}:${s.namespace ?? ''}`);

describe('/rollouts freeze with a fleet', () => {
  it('freezes the repository’s namespaces in the clusters its sources deploy to, and unfreezes them', async () => {
    const fleet = { eu: eu.kube, us: us.kube, ap: ap.kube };
    const { lines } = await run('/rollouts freeze incident 42', fleet);
    expect(lines).toEqual([
      '`/rollouts freeze incident 42`: stop switch set for shop in eu, us; tools in this cluster — Rollouts there hold at their current step until `/rollouts unfreeze`',
    ]);
    expect(await loadStopSwitches(eu.kube)).toEqual([
      {
        scope: 'namespace',
        namespace: 'shop',
        by: 'github:alice',
        reason: 'incident 42',
        at: isoTime(home.h.clock.now()),
      },
    ]);
    expect(await scopes(us)).toEqual(['namespace:shop']);
    expect(await scopes(home)).toEqual(['namespace:tools']);
    // A cluster of the fleet the repository does not deploy to is not stopped.
    expect(await scopes(ap)).toEqual([]);

    const off = await run('/rollouts unfreeze', fleet);
    expect(off.lines).toEqual([
      '`/rollouts unfreeze`: stop switch cleared for shop in eu, us; tools in this cluster; held Rollouts move on',
    ]);
    for (const w of [home, eu, us]) expect(await scopes(w)).toEqual([]);
  });

  it('a cluster not reached is named in the reply, why only in the log; commenting again completes it', async () => {
    const { lines, logs } = await run('/rollouts freeze', { eu: eu.kube, us: down });
    expect(lines[0]).toMatch(
      /Not reached: us; comment `\/rollouts freeze` again to complete it\.$/,
    );
    expect(lines[0]).not.toContain('127.0.0.1');
    expect(logs[0]).toMatch(/^\/rollouts freeze: not reached: us: .*stopswitches/);
    expect(await scopes(eu)).toEqual(['namespace:shop']);
    expect(await scopes(home)).toEqual(['namespace:tools']);
    const again = await run('/rollouts freeze', { eu: eu.kube, us: us.kube });
    expect(again.lines[0]).not.toContain('Not reached');
    expect(await scopes(us)).toEqual(['namespace:shop']);
  });
});
