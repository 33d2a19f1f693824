import { describe, expect, it } from 'vitest';
import {
  computePodTemplateHash,
  findNewReplicaSet,
  replicaSetRevision,
  sortByRevision,
  stripInjected,
  templatesEqual,
} from '../../../../src/core/rollout/template/index.js';
import { ANNOTATIONS } from '../../../../src/domain/index.js';
import type { PodTemplateSpec } from '../../../../src/domain/index.js';
import { aRollout, aTemplate, anRs, asStoredInRs, injectedTerm } from './builders.js';
import type { AntiAffinityKind } from './builders.js';

const ephemeral = { labels: { role: 'canary' }, annotations: { 'team.example/phase': 'canary' } };

describe('templatesEqual', () => {
  const desired = aTemplate();

  it.each<[string, AntiAffinityKind | undefined]>([
    ['required anti-affinity', 'required'],
    ['preferred anti-affinity', 'preferred'],
    ['no anti-affinity', undefined],
  ])(
    'matches the user template against the defaulted RS template with hash label, ephemeral metadata and %s',
    (_n, kind) => {
      const stored = asStoredInRs(desired, {
        hash: 'abc123',
        ephemeral,
        ...(kind ? { antiAffinity: { kind, stableHash: 'old42' } } : {}),
      });
      expect(templatesEqual(desired, stored, anRs({ ephemeral }))).toBe(true);
    },
  );

  it.each<[string, PodTemplateSpec]>([
    ['image', aTemplate({ image: 'argoproj/rollouts-demo:green' })],
    ['user label', aTemplate({ labels: { app: 'guestbook', tier: 'web' } })],
    ['pod spec field', aTemplate({ spec: { terminationGracePeriodSeconds: 5 } })],
  ])('does not match after a real change of the %s', (_n, changed) => {
    const stored = asStoredInRs(desired, { hash: 'abc123', ephemeral });
    expect(templatesEqual(changed, stored, anRs({ ephemeral }))).toBe(false);
  });

  it('does not strip ephemeral keys the RS does not record', () => {
    const stored = asStoredInRs(desired, { ephemeral });
    expect(templatesEqual(desired, stored, anRs())).toBe(false);
  });

  it('lets a recorded ephemeral key shadow the user value it overwrote', () => {
    const userRole = aTemplate({ labels: { app: 'guestbook', role: 'web' } });
    const stored = asStoredInRs(userRole, { hash: 'abc123', ephemeral });
    expect(stored.metadata?.labels?.role).toBe('canary');
    expect(templatesEqual(userRole, stored, anRs({ ephemeral }))).toBe(true);
  });

  it('ignores the deprecated serviceAccount alias and creationTimestamp', () => {
    const user = aTemplate({ spec: { serviceAccountName: 'deployer' } });
    const stored = asStoredInRs(user, {});
    stored.spec = { ...stored.spec, serviceAccount: 'deployer' };
    stored.metadata = { ...stored.metadata, creationTimestamp: '2024-01-01T00:00:00Z' };
    expect(templatesEqual(user, stored)).toBe(true);
    expect(templatesEqual(aTemplate({ spec: { serviceAccount: 'deployer' } }), stored)).toBe(true);
    expect(templatesEqual(aTemplate({ spec: { serviceAccountName: 'other' } }), stored)).toBe(
      false,
    );
  });

  it('does not mutate its arguments', () => {
    const stored = asStoredInRs(desired, {
      hash: 'abc123',
      ephemeral,
      antiAffinity: { kind: 'required', stableHash: 'old42' },
    });
    const before = [structuredClone(desired), structuredClone(stored)];
    templatesEqual(desired, stored, anRs({ ephemeral }));
    expect([desired, stored]).toEqual(before);
  });
});

describe('stripInjected', () => {
  const zoneTerm = {
    labelSelector: { matchLabels: { app: 'guestbook' } },
    topologyKey: 'topology.kubernetes.io/zone',
  };

  it('removes only the injected term and keeps the user’s own affinity', () => {
    const t = aTemplate({
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] },
          },
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [zoneTerm, injectedTerm('old42')],
          },
        },
      },
    });
    expect(stripInjected(t).spec?.affinity).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [zoneTerm] },
    });
  });

  it('removes affinity containers emptied by the removal', () => {
    const t = aTemplate({
      spec: {
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 1, podAffinityTerm: injectedTerm('s') },
            ],
          },
        },
      },
    });
    expect(stripInjected(t).spec).not.toHaveProperty('affinity');
  });

  it('keeps a hash-label term on another topology key (not ours)', () => {
    const term = { ...injectedTerm('s'), topologyKey: 'topology.kubernetes.io/zone' };
    const t = aTemplate({
      spec: {
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } },
      },
    });
    expect(stripInjected(t)).toEqual(t);
  });

  it('removes the hash label and recorded ephemeral keys, keeping other metadata', () => {
    const stored = asStoredInRs(aTemplate({ annotations: { keep: 'me' } }), {
      hash: 'abc123',
      ephemeral,
    });
    const meta = stripInjected(stored, anRs({ ephemeral })).metadata;
    expect(meta?.labels).toEqual({ app: 'guestbook' });
    expect(meta?.annotations).toEqual({ keep: 'me' });
  });

  it('treats a garbled ephemeral-metadata annotation as nothing recorded', () => {
    const rs = anRs();
    rs.metadata.annotations = { [ANNOTATIONS.ephemeralMetadata]: '{not json' };
    const stored = asStoredInRs(aTemplate(), { ephemeral });
    expect(stripInjected(stored, rs).metadata?.labels).toEqual({
      app: 'guestbook',
      role: 'canary',
    });
  });
});

describe('findNewReplicaSet', () => {
  const template = aTemplate();
  const hash = computePodTemplateHash(template);
  const stored = asStoredInRs(template, { hash: 'upstream1', ephemeral });
  const other = asStoredInRs(aTemplate({ image: 'argoproj/rollouts-demo:red' }), { hash: 'red' });

  it.each([
    [
      'by hash label',
      aRollout({ template }),
      [
        anRs({ name: 'old', hash: 'red', revision: '1', template: other }),
        anRs({ name: 'new', hash, revision: '2', template: stored }),
      ],
      'new',
    ],
    [
      'by label even when the template differs',
      aRollout({ template }),
      [anRs({ name: 'labelled', hash, revision: '1', template: other })],
      'labelled',
    ],
    [
      'by semantic fallback (foreign hash)',
      aRollout({ template }),
      [
        anRs({ name: 'old', hash: 'red', revision: '1', template: other }),
        anRs({ name: 'foreign', hash: 'upstream1', revision: '2', template: stored, ephemeral }),
      ],
      'foreign',
    ],
    [
      'newest revision among label matches',
      aRollout({ template }),
      [
        anRs({ name: 'r9', hash, revision: '9', template: stored }),
        anRs({ name: 'r10', hash, revision: '10', template: stored }),
        anRs({ name: 'r2', hash, revision: '2', template: stored }),
      ],
      'r10',
    ],
    [
      'newest revision among fallback matches',
      aRollout({ template }),
      [
        anRs({ name: 'f2', hash: 'u2', revision: '2', template: stored, ephemeral }),
        anRs({ name: 'f3', hash: 'u3', revision: '3', template: stored, ephemeral }),
        anRs({ name: 'f1', hash: 'u1', revision: '1', template: stored, ephemeral }),
      ],
      'f3',
    ],
    [
      'the collision-count hash',
      aRollout({ template, collisionCount: 1 }),
      [
        anRs({ name: 'plain', hash, revision: '5', template: stored }),
        anRs({
          name: 'bumped',
          hash: computePodTemplateHash(template, 1),
          revision: '4',
          template: other,
        }),
      ],
      'bumped',
    ],
  ])('finds the new RS %s', (_n, rollout, rss, expected) => {
    expect(findNewReplicaSet(rollout, rss)?.metadata.name).toBe(expected);
  });

  it.each([
    [
      'no RS matches',
      aRollout({ template }),
      [anRs({ name: 'old', hash: 'red', revision: '1', template: other })],
    ],
    ['there are no RSs', aRollout({ template }), []],
    [
      'the rollout has no template (unresolved workloadRef)',
      aRollout(),
      [anRs({ hash, template: stored })],
    ],
  ])('finds none when %s', (_n, rollout, rss) => {
    expect(findNewReplicaSet(rollout, rss)).toBeUndefined();
  });
});

describe('revisions', () => {
  it.each([
    ['7', 7],
    [undefined, 0],
    ['', 0],
    ['x1', 0],
    ['-3', 0],
    ['1.5', 0],
  ])('reads revision annotation %j as %d', (raw, expected) => {
    expect(replicaSetRevision(anRs(raw === undefined ? {} : { revision: raw }))).toBe(expected);
  });

  it('sorts oldest revision first, numerically, then by creation time and name, without mutating', () => {
    const rss = [
      anRs({ name: 'b', revision: '10' }),
      anRs({ name: 'late', revision: '2', createdAt: '2024-01-02T00:00:00Z' }),
      anRs({ name: 'early', revision: '2', createdAt: '2024-01-01T00:00:00Z' }),
      anRs({ name: 'none' }),
    ];
    expect(sortByRevision(rss).map((rs) => rs.metadata.name)).toEqual([
      'none',
      'early',
      'late',
      'b',
    ]);
    expect(rss[0]?.metadata.name).toBe('b');
  });
});
