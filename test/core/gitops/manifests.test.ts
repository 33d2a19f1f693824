import { describe, expect, it } from 'vitest';
import {
  identity,
  isManifestFile,
  type ManifestFile,
  parseManifests,
} from '../../../src/core/gitops/manifests.js';

const cm = (name: string, extra = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}data: {a: b}\n`;

function parsed(files: ManifestFile[], namespace = 'shop') {
  const r = parseManifests(files, namespace);
  if ('problems' in r) throw new Error(`unexpected problems: ${r.problems.join('; ')}`);
  return r.manifests;
}

function problems(files: ManifestFile[], namespace = 'shop'): string[] {
  const r = parseManifests(files, namespace);
  return 'problems' in r ? r.problems : [];
}

describe('parseManifests', () => {
  it('reads multi-document YAML and JSON files in path order, skipping empty documents', () => {
    const m = parsed([
      {
        path: 'k8s/b.yaml',
        text: `---\n${cm('two')}---\n# only a comment\n---\n${cm('three')}---\n`,
      },
      {
        path: 'k8s/a.json',
        text: JSON.stringify({
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'one' },
          spec: { ports: [{ port: 80 }] },
        }),
      },
      { path: 'k8s/empty.yaml', text: '' },
    ]);
    expect(m.map((x) => [x.file, x.doc, x.object.kind, x.object.metadata.name])).toEqual([
      ['k8s/a.json', 0, 'Service', 'one'],
      ['k8s/b.yaml', 0, 'ConfigMap', 'two'],
      ['k8s/b.yaml', 2, 'ConfigMap', 'three'],
    ]);
  });

  it('flattens Lists (as `kubectl get -o yaml` writes them)', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'y' } },
      ],
    };
    expect(
      parsed([{ path: 'list.json', text: JSON.stringify(list) }]).map(
        (x) => `${x.object.kind}/${x.object.metadata.name}`,
      ),
    ).toEqual(['ConfigMap/x', 'Secret/y']);
  });

  it('drops server-owned metadata copied from a live object, keeping labels and annotations', () => {
    const [m] = parsed([
      {
        path: 'a.yaml',
        text: cm(
          'x',
          '  uid: 1234\n  resourceVersion: "99"\n  generation: 3\n  creationTimestamp: "2024-01-01T00:00:00Z"\n  managedFields: []\n  labels: {app: x}\n  annotations: {note: kept}\n',
        ),
      },
    ]);
    expect(m?.object.metadata).toEqual({
      name: 'x',
      labels: { app: 'x' },
      annotations: { note: 'kept' },
    });
  });

  it('accepts objects naming the source namespace or none', () => {
    expect(
      parsed([{ path: 'a.yaml', text: `${cm('x', '  namespace: shop\n')}---\n${cm('y')}` }]),
    ).toHaveLength(2);
  });

  it('refuses a Kustomize directory and says what to commit instead', () => {
    expect(
      problems([
        { path: 'k8s/kustomization.yaml', text: 'resources: [a.yaml]\n' },
        { path: 'k8s/a.yaml', text: cm('x') },
      ]),
    ).toEqual([
      'k8s/kustomization.yaml: Kustomize directories are not supported; commit the rendered manifests (kustomize build) instead',
    ]);
    expect(problems([{ path: 'overlays/prod/Kustomization.yml', text: '' }])).toHaveLength(1);
  });

  it('refuses an object of another namespace, naming both', () => {
    expect(
      problems([
        { path: 'k8s/a.yaml', text: `${cm('ok')}---\n${cm('x', '  namespace: kube-system\n')}` },
      ]),
    ).toEqual([
      'k8s/a.yaml: document 2: ConfigMap x: namespace "kube-system" is not this source\'s namespace "shop"',
    ]);
  });

  it('refuses two manifests for one object, naming where each is', () => {
    expect(
      problems([
        { path: 'a.yaml', text: cm('x') },
        { path: 'b.yaml', text: `${cm('y')}---\n${cm('x')}` },
      ]),
    ).toEqual(['b.yaml: document 2: ConfigMap x is also defined in a.yaml (document 1)']);
  });

  it('the same name in two kinds or two API groups is not a duplicate; two versions of one group are', () => {
    const deploy = (v: string) => `apiVersion: ${v}\nkind: Deployment\nmetadata: {name: x}\n`;
    expect(
      problems([
        {
          path: 'a.yaml',
          text: `${cm('x')}---\n${deploy('apps/v1')}---\napiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: x}\n`,
        },
      ]),
    ).toEqual([]);
    expect(
      problems([{ path: 'a.yaml', text: `${deploy('apps/v1')}---\n${deploy('apps/v1beta2')}` }]),
    ).toHaveLength(1);
  });

  it.each([
    ['invalid YAML', 'kind: ConfigMap\nmetadata: {name: x\n', 'document 1: invalid YAML'],
    [
      'a duplicate key',
      'apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: x}\n',
      'document 1: invalid YAML',
    ],
    ['a scalar document', 'just text', 'a manifest must be a YAML mapping'],
    ['a sequence document', '- a\n- b\n', 'a manifest must be a YAML mapping'],
    ['no apiVersion', 'kind: ConfigMap\nmetadata: {name: x}\n', '`apiVersion` is missing'],
    ['no kind', 'apiVersion: v1\nmetadata: {name: x}\n', '`kind` is missing'],
    [
      'generateName only',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: x-}\n',
      'ConfigMap: `metadata.name` is missing (generateName cannot be applied)',
    ],
  ])('%s: refused with file and document', (_what, text, message) => {
    expect(problems([{ path: 'k8s/a.yaml', text }]).join('\n')).toContain(
      `k8s/a.yaml: ${message.startsWith('document') ? '' : 'document 1: '}${message}`,
    );
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  ${lines.join('\n  ')}\n`;
    const p = problems([{ path: 'bomb.yaml', text: bomb }]);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^bomb\.yaml: document 1: /);
  });

  it("a large file of many small documents is parsed whole (the byte limit is the loader's)", () => {
    const text = Array.from({ length: 500 }, (_, i) => cm(`cm-${i}`)).join('---\n');
    expect(parsed([{ path: 'many.yaml', text }])).toHaveLength(500);
  });

  it('lists every problem of every file at once', () => {
    expect(
      problems([
        { path: 'a.yaml', text: 'kind: X\n' },
        { path: 'b.yaml', text: `${cm('x', '  namespace: other\n')}` },
        { path: 'kustomization.yaml', text: '' },
      ]),
    ).toHaveLength(3);
  });
});

describe('isManifestFile and identity', () => {
  it.each([
    ['a.yaml', true],
    ['dir/b.YML', true],
    ['c.json', true],
    ['README.md', false],
    ['values.yaml.tpl', false],
    ['Chart.lock', false],
  ])('%s: %s', (path, yes) => {
    expect(isManifestFile(path)).toBe(yes);
  });

  it('identity is group/Kind/name, independent of the version', () => {
    expect(
      identity({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'shop' } }),
    ).toBe('argoproj.io/Rollout/shop');
    expect(identity({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop' } })).toBe(
      '/Service/shop',
    );
  });
});
