import { describe, expect, it } from 'vitest';
import {
  computeMetadataPatch,
  desiredNewReplicaSetMetadata,
  planEphemeralMetadata,
  serializeEphemeralMetadata,
  withEphemeralMetadata,
} from '../../../src/core/rollout/ephemeral-metadata.js';
import { planRollout } from '../../../src/core/rollout/plan-rollout.js';
import type { Action } from '../../../src/core/rollout/plan-types.js';
import {
  computePodTemplateHash,
  computeStepsHash,
  parseEphemeralMetadata,
} from '../../../src/core/rollout/template/index.js';
import { ANNOTATIONS, type Pod, type ReplicaSet } from '../../../src/domain/index.js';
import { aContext, aPod, aRollout, anRs, observe } from './plan-builders.js';

const md = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}) => ({
  labels,
  annotations,
});
const CANARY = { labels: { role: 'canary' } };
const STABLE = { labels: { role: 'stable' } };
const withRoles = aRollout({ canary: { canaryMetadata: CANARY, stableMetadata: STABLE } });

describe('desiredNewReplicaSetMetadata', () => {
  it.each<[string, string | undefined, ReturnType<typeof md>]>([
    ['update in progress ⇒ canary', 'old', md({ role: 'canary' })],
    ['no stable yet (initial deploy) ⇒ stable', undefined, md({ role: 'stable' })],
    ['new RS is the stable one ⇒ stable', 'new', md({ role: 'stable' })],
  ])('%s', (_n, stableHash, expected) => {
    expect(desiredNewReplicaSetMetadata(withRoles, 'new', stableHash)).toEqual(expected);
  });

  it('is empty when nothing is configured', () => {
    expect(desiredNewReplicaSetMetadata(aRollout(), 'new', 'old')).toEqual(md());
  });
});

describe('serializeEphemeralMetadata', () => {
  it.each<[string, ReturnType<typeof md>, string | undefined]>([
    ['both', md({ a: '1' }, { b: '2' }), '{"labels":{"a":"1"},"annotations":{"b":"2"}}'],
    ['labels only', md({ a: '1' }), '{"labels":{"a":"1"}}'],
    ['annotations only', md({}, { b: '2' }), '{"annotations":{"b":"2"}}'],
    ['nothing', md(), undefined],
  ])('%s', (_n, m, expected) => {
    expect(serializeEphemeralMetadata(m)).toBe(expected);
  });
});

describe('computeMetadataPatch', () => {
  it.each<
    [
      string,
      { labels?: Record<string, string> } | undefined,
      ReturnType<typeof md>,
      ReturnType<typeof md>,
      unknown,
    ]
  >([
    [
      'adds wanted keys',
      { labels: { app: 'x' } },
      md(),
      md({ role: 'canary' }),
      { labels: { role: 'canary' } },
    ],
    [
      'changes a value',
      { labels: { role: 'canary' } },
      md({ role: 'canary' }),
      md({ role: 'stable' }),
      { labels: { role: 'stable' } },
    ],
    [
      'removes keys no longer wanted',
      { labels: { role: 'x', tier: 'web' } },
      md({ role: 'x', tier: 'web' }),
      md({ role: 'x' }),
      { labels: { tier: null } },
    ],
    ['skips removal of an absent key', { labels: {} }, md({ tier: 'web' }), md(), undefined],
    [
      'nothing when already in line',
      { labels: { role: 'x' } },
      md({ role: 'x' }),
      md({ role: 'x' }),
      undefined,
    ],
    ['annotations too', undefined, md(), md({}, { team: 'a' }), { annotations: { team: 'a' } }],
  ])('%s', (_n, current, from, to, expected) => {
    expect(computeMetadataPatch(current, from, to)).toEqual(expected);
  });
});

describe('withEphemeralMetadata', () => {
  it('injects into the template and records the annotation', () => {
    const out = withEphemeralMetadata(anRs({ hash: 'new' }), md({ role: 'canary' }, { team: 'a' }));
    expect(out.spec.template?.metadata).toMatchObject({
      labels: { app: 'guestbook', role: 'canary' },
      annotations: { team: 'a' },
    });
    expect(parseEphemeralMetadata(out)).toEqual(md({ role: 'canary' }, { team: 'a' }));
  });

  it('leaves the RS alone when nothing is injected', () => {
    const rs = anRs({ hash: 'new' });
    expect(withEphemeralMetadata(rs, md())).toBe(rs);
  });
});

type Row = [
  string,
  { rss: ReplicaSet[]; stableHash?: string; pods?: Pod[]; rollout?: ReturnType<typeof aRollout> },
  Array<[string, unknown]>,
];

/** What each action does, in order: `[name, patch]`. */
const summary = (actions: Action[]) =>
  actions.map((a) => [
    a.kind === 'patchPod' || a.kind === 'patchReplicaSet' ? a.name : a.kind,
    'patch' in a ? a.patch : undefined,
  ]);
const rsPatch = (wanted: string | null, template?: unknown) => ({
  metadata: { annotations: { [ANNOTATIONS.ephemeralMetadata]: wanted } },
  ...(template ? { spec: { template: { metadata: template } } } : {}),
});

describe('planEphemeralMetadata', () => {
  it.each<Row>([
    [
      'update starts: canary metadata on the new RS and its pods, stable on the stable RS and its pods',
      {
        rss: [anRs({ hash: 'new' }), anRs({ hash: 'old' })],
        stableHash: 'old',
        pods: [aPod({ name: 'n1', hash: 'new' }), aPod({ name: 'o1', hash: 'old' })],
      },
      [
        ['n1', { metadata: { labels: { role: 'canary' } } }],
        ['guestbook-new', rsPatch('{"labels":{"role":"canary"}}', { labels: { role: 'canary' } })],
        ['o1', { metadata: { labels: { role: 'stable' } } }],
        ['guestbook-old', rsPatch('{"labels":{"role":"stable"}}', { labels: { role: 'stable' } })],
      ],
    ],
    [
      'everything in line: nothing to do',
      {
        rss: [anRs({ hash: 'new', ephemeral: CANARY }), anRs({ hash: 'old', ephemeral: STABLE })],
        stableHash: 'old',
        pods: [aPod({ name: 'n1', hash: 'new', labels: CANARY.labels })],
      },
      [],
    ],
    [
      'promoted: the new RS and its pods switch from canary to stable; the old stable loses its metadata',
      {
        rss: [anRs({ hash: 'new', ephemeral: CANARY }), anRs({ hash: 'old', ephemeral: STABLE })],
        stableHash: 'new',
        pods: [
          aPod({ name: 'n1', hash: 'new', labels: CANARY.labels }),
          aPod({ name: 'o1', hash: 'old', labels: STABLE.labels }),
        ],
      },
      [
        ['n1', { metadata: { labels: { role: 'stable' } } }],
        ['guestbook-new', rsPatch('{"labels":{"role":"stable"}}', { labels: { role: 'stable' } })],
        ['o1', { metadata: { labels: { role: null } } }],
        ['guestbook-old', rsPatch(null, { labels: { role: null } })],
      ],
    ],
    [
      'a key dropped from the spec is removed; terminating pods and pods of unknown hashes are left alone',
      {
        rss: [anRs({ hash: 'new', ephemeral: { labels: { role: 'stable', tier: 'web' } } })],
        stableHash: 'new',
        pods: [
          aPod({ name: 'n1', hash: 'new', labels: { role: 'stable', tier: 'web' } }),
          aPod({ name: 'n2', hash: 'new', labels: { tier: 'web' }, terminating: true }),
          aPod({ name: 'x1', hash: 'zzz', labels: { tier: 'web' } }),
        ],
      },
      [
        ['n1', { metadata: { labels: { tier: null } } }],
        ['guestbook-new', rsPatch('{"labels":{"role":"stable"}}', { labels: { tier: null } })],
      ],
    ],
    [
      'a pod that missed an earlier pass is repaired without touching the RS',
      {
        rss: [anRs({ hash: 'new', ephemeral: STABLE })],
        stableHash: 'new',
        pods: [
          aPod({ name: 'n1', hash: 'new', labels: STABLE.labels }),
          aPod({ name: 'n2', hash: 'new' }),
        ],
      },
      [['n2', { metadata: { labels: { role: 'stable' } } }]],
    ],
    [
      'metadata removed from the spec altogether: injected keys are cleaned',
      {
        rollout: aRollout(),
        rss: [anRs({ hash: 'new', ephemeral: STABLE })],
        stableHash: 'new',
        pods: [aPod({ name: 'n1', hash: 'new', labels: STABLE.labels })],
      },
      [
        ['n1', { metadata: { labels: { role: null } } }],
        ['guestbook-new', rsPatch(null, { labels: { role: null } })],
      ],
    ],
    [
      'the annotation alone is rewritten when the template already carries the metadata',
      { rss: [anRs({ hash: 'new', templateLabels: { role: 'stable' } })], stableHash: 'new' },
      [['guestbook-new', rsPatch('{"labels":{"role":"stable"}}')]],
    ],
  ])('%s', (_n, o, expected) => {
    const ctx = aContext({
      rollout: o.rollout ?? withRoles,
      rss: o.rss,
      newHash: 'new',
      ...(o.stableHash ? { stableHash: o.stableHash } : {}),
      ...(o.pods ? { pods: o.pods } : {}),
    });
    planEphemeralMetadata(ctx);
    expect(summary(ctx.actions)).toEqual(expected);
  });
});

describe('ephemeral metadata at creation through planRollout', () => {
  const created = (actions: Action[]) =>
    actions.flatMap((a) => (a.kind === 'createReplicaSet' ? [a.replicaSet] : []));

  it('the first RS carries the stable metadata', () => {
    const [rs] = created(planRollout(observe(withRoles, [])).actions);
    expect(rs?.spec.template?.metadata?.labels?.role).toBe('stable');
    expect(rs?.metadata.annotations?.[ANNOTATIONS.ephemeralMetadata]).toBe(
      '{"labels":{"role":"stable"}}',
    );
    expect(rs?.metadata.labels?.role).toBeUndefined(); // RS labels stay the template's own
  });

  it('an update RS carries the canary metadata, and the next reconcile leaves it alone', () => {
    const stableHash = computePodTemplateHash(withRoles.spec.template ?? {});
    const stableRS = anRs({ hash: stableHash, replicas: 3, ephemeral: STABLE });
    const status = {
      stableRS: stableHash,
      currentPodHash: stableHash,
      currentStepHash: computeStepsHash(withRoles.spec.strategy?.canary?.steps),
      currentStepIndex: 2,
    };
    const v2 = aRollout({
      image: 'demo:v2',
      canary: { canaryMetadata: CANARY, stableMetadata: STABLE },
      status,
    });
    const first = planRollout(observe(v2, [stableRS], []));
    const [rs] = created(first.actions);
    expect(rs?.spec.template?.metadata?.labels?.role).toBe('canary');
    expect(parseEphemeralMetadata(rs)).toEqual(md({ role: 'canary' }));
    if (!rs) return;
    const second = planRollout(observe({ ...v2, status: first.status }, [stableRS, rs], []));
    expect(second.reason).toBe('scaled replica sets'); // got past the early returns to the metadata pass
    expect(
      second.actions.filter(
        (a) =>
          a.kind === 'patchPod' ||
          (a.kind === 'patchReplicaSet' && JSON.stringify(a.patch).includes('ephemeral')),
      ),
    ).toEqual([]);
  });
});
