import { describe, expect, it } from 'vitest';
import {
  type GitOpsConfig,
  isUnderSource,
  parseGitOpsConfig,
  parseGitOpsConfigText,
  sourcesFor,
} from '../../../src/core/gitops/config.js';

/** A valid one-source configuration; each override replaces one field of the source. */
function aConfig(
  source: Record<string, unknown> = {},
  top: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    cluster: 'prod-eu',
    sources: [{ repo: 'acme/shop-deploy', path: 'k8s/prod', namespace: 'shop', ...source }],
    ...top,
  };
}

function configOf(raw: unknown): GitOpsConfig {
  const r = parseGitOpsConfig(raw);
  if ('problems' in r) throw new Error(`unexpected problems: ${r.problems.join('; ')}`);
  return r.config;
}

function problemsOf(raw: unknown): string[] {
  const r = parseGitOpsConfig(raw);
  return 'problems' in r ? r.problems : [];
}

describe('parseGitOpsConfig: a good configuration', () => {
  it('parses the documented YAML with its defaults', () => {
    const r = parseGitOpsConfigText(`
cluster: prod-eu
sources:
  - repo: acme/shop-deploy
    path: /k8s/prod/
    namespace: shop
`);
    expect(r).toEqual({
      config: {
        cluster: 'prod-eu',
        maxFileBytes: 1024 * 1024,
        maxFiles: 200,
        sources: [
          {
            name: 'shop-deploy-main-k8s-prod',
            owner: 'acme',
            repo: 'shop-deploy',
            fullName: 'acme/shop-deploy',
            branch: 'main',
            path: 'k8s/prod',
            namespace: 'shop',
            prune: false,
          },
        ],
      },
    });
  });

  it('reads JSON too, with every field set', () => {
    const r = parseGitOpsConfigText(
      JSON.stringify({
        cluster: 'dev',
        maxFileBytes: 10,
        maxFiles: 3,
        sources: [
          {
            name: 'web',
            repo: 'acme/web',
            branch: 'release/1.2',
            path: '',
            namespace: 'web',
            prune: true,
          },
        ],
      }),
    );
    expect(r).toMatchObject({
      config: {
        cluster: 'dev',
        maxFileBytes: 10,
        maxFiles: 3,
        sources: [{ name: 'web', branch: 'release/1.2', path: '', prune: true }],
      },
    });
  });

  it('defaults the cluster name and slugs long default source names to a 40-character DNS label', () => {
    const c = configOf({
      sources: [
        {
          repo: 'Acme/A_Very.Long-Repository-Name-That-Goes-On',
          path: 'deploy/production/eu-west',
          namespace: 'shop',
        },
      ],
    });
    expect(c.cluster).toBe('default');
    const name = c.sources[0]?.name ?? '';
    expect(name.length).toBeLessThanOrEqual(40);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it('allows one repository to feed several namespaces from different paths', () => {
    const c = configOf({
      cluster: 'c',
      sources: [
        { repo: 'acme/d', path: 'a', namespace: 'a' },
        { repo: 'acme/d', path: 'b', namespace: 'b' },
      ],
    });
    expect(c.sources.map((s) => s.name)).toEqual(['d-main-a', 'd-main-b']);
  });
});

describe('parseGitOpsConfig: every problem named by its field, all at once', () => {
  it.each([
    ['not an object', 'sources', 'must be an object with `cluster` and `sources`'],
    ['a bad cluster name', aConfig({}, { cluster: 'prod eu' }), '`cluster` must be a name'],
    ['an unknown top-level field', aConfig({}, { sourcse: [] }), 'unknown field `sourcse`'],
    ['no sources', { cluster: 'c', sources: [] }, '`sources` must be a non-empty list'],
    [
      'sources not a list',
      { cluster: 'c', sources: { repo: 'acme/x' } },
      '`sources` must be a non-empty list',
    ],
    ['a source that is not an object', { sources: ['acme/x'] }, 'sources[0] must be an object'],
    [
      'a repository without owner',
      aConfig({ repo: 'shop-deploy' }),
      'sources[0].repo must be "owner/name"',
    ],
    [
      'a repository URL',
      aConfig({ repo: 'https://github.com/acme/shop' }),
      'sources[0].repo must be "owner/name"',
    ],
    [
      'a branch git refuses',
      aConfig({ branch: 'feature..x' }),
      'sources[0].branch is not a valid branch name',
    ],
    [
      'a branch with a space',
      aConfig({ branch: 'my branch' }),
      'sources[0].branch is not a valid branch name',
    ],
    [
      'a path leaving the repository',
      aConfig({ path: 'k8s/../../etc' }),
      'sources[0].path must be a directory path inside the repository',
    ],
    [
      'a path that is not a string',
      aConfig({ path: 3 }),
      'sources[0].path must be a directory path inside the repository',
    ],
    [
      'no namespace',
      aConfig({ namespace: undefined }),
      'sources[0].namespace must be a namespace name',
    ],
    [
      'an upper-case namespace',
      aConfig({ namespace: 'Shop' }),
      'sources[0].namespace must be a namespace name',
    ],
    [
      'a 64-character namespace',
      aConfig({ namespace: 'n'.repeat(64) }),
      'sources[0].namespace must be a namespace name',
    ],
    ['prune as a string', aConfig({ prune: 'yes' }), 'sources[0].prune must be true or false'],
    [
      'an unknown source field',
      aConfig({ namepsace: 'x' }),
      'sources[0]: unknown field `namepsace`',
    ],
    [
      'a name that is not a DNS label',
      aConfig({ name: 'Shop_Prod' }),
      'sources[0].name must be a DNS label',
    ],
    [
      'a name over 40 characters',
      aConfig({ name: 'n'.repeat(41) }),
      'sources[0].name must be a DNS label of at most 40 characters',
    ],
    ['a zero maxFiles', aConfig({}, { maxFiles: 0 }), '`maxFiles` must be a positive integer'],
    [
      'a fractional maxFileBytes',
      aConfig({}, { maxFileBytes: 1.5 }),
      '`maxFileBytes` must be a positive integer',
    ],
  ])('%s', (_what, raw, message) => {
    expect(problemsOf(raw).join('\n')).toContain(message);
  });

  it('refuses two sources with the same name and the same repository path twice', () => {
    const problems = problemsOf({
      sources: [
        { name: 'web', repo: 'acme/a', namespace: 'a' },
        { name: 'web', repo: 'acme/b', namespace: 'b' },
        { repo: 'acme/c', path: 'k8s', namespace: 'c', name: 'c1' },
        { repo: 'ACME/c', path: '/k8s/', namespace: 'd', name: 'c2' },
      ],
    });
    expect(problems).toEqual([
      'sources: two sources are named "web" (set distinct `name`s)',
      'sources: ACME/c main:/k8s is listed twice',
    ]);
  });

  it('lists the problems of every source, not only the first', () => {
    const problems = problemsOf({
      cluster: 'bad name',
      sources: [
        { repo: 'x', namespace: 'a' },
        { repo: 'acme/y', namespace: 'B' },
      ],
    });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(
      /cluster[\s\S]*sources\[0\]\.repo[\s\S]*sources\[1\]\.namespace/,
    );
  });

  it('says where invalid YAML breaks, and refuses anchors (no alias expansion)', () => {
    const bad = parseGitOpsConfigText('cluster: [dev\nsources: {}');
    expect(bad).toMatchObject({ problems: [expect.stringMatching(/^not valid YAML or JSON: /)] });
    const aliased = parseGitOpsConfigText('base: &b {repo: acme/x, namespace: x}\nsources: [*b]');
    expect('problems' in aliased).toBe(true);
  });
});

describe('sourcesFor and isUnderSource', () => {
  const config = configOf({
    sources: [
      { repo: 'Acme/Deploy', path: 'k8s', namespace: 'a' },
      { repo: 'acme/deploy', branch: 'staging', path: 'k8s', namespace: 'b' },
      { repo: 'acme/other', namespace: 'c' },
    ],
  });

  it('matches repositories case-insensitively and branches exactly', () => {
    expect(sourcesFor(config, 'acme/deploy', 'main').map((s) => s.namespace)).toEqual(['a']);
    expect(sourcesFor(config, 'ACME/DEPLOY').map((s) => s.namespace)).toEqual(['a', 'b']);
    expect(sourcesFor(config, 'acme/deploy', 'Main')).toEqual([]);
  });

  it.each([
    ['k8s/rollout.yaml', true],
    ['k8s/sub/dir/svc.yaml', true],
    ['k8s', true],
    ['k8s-old/rollout.yaml', false],
    ['README.md', false],
    ['docs/k8s/x.yaml', false],
  ])('%s under /k8s: %s', (file, under) => {
    expect(isUnderSource(config.sources[0] as GitOpsConfig['sources'][number], file)).toBe(under);
  });

  it('the repository root holds every file', () => {
    expect(
      isUnderSource(config.sources[2] as GitOpsConfig['sources'][number], 'any/where.yaml'),
    ).toBe(true);
  });
});
