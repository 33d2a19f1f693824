import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnBackends } from '../support/backends.js';
import { describeOnBothBackends } from './api-backends.js';

/**
 * Unknown fields under `fieldValidation` (Strict, Warn, Ignore; none means Warn on create, update
 * and patch), answered as a 1.37 kube-apiserver answers them: the texts below were read from it.
 */

const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const RO = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
const APPLY = 'application/apply-patch+yaml';
const MERGE = 'application/merge-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const YAML = 'application/yaml';

const rollout = (name: string, extra: { spec?: object; top?: object; meta?: object } = {}) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name, ...extra.meta },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
    },
    strategy: { canary: { steps: [{ setWeight: 20 }] } },
    ...extra.spec,
  },
  ...extra.top,
});

/** A Rollout with typos at several depths (metadata, spec, a list item, the root). */
const typoRollout = (name: string) =>
  rollout(name, {
    meta: { bogusMeta: 1 },
    spec: { replicass: 3, strategy: { canary: { steps: [{ setWeight: 20, bogus: 1 }] } } },
    top: { topbogus: 1 },
  });
/** Sorted, as the apiextensions server lists what pruning would drop. */
const ROLLOUT_TYPOS = [
  'metadata.bogusMeta',
  'spec.replicass',
  'spec.strategy.canary.steps[0].bogus',
  'topbogus',
];

const unknown = (paths: string[]) => paths.map((p) => `unknown field "${p}"`).join(', ');
const strictDecoding = (kind: string, version: string, paths: string[]) =>
  `${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${unknown(paths)}`;

/** The texts of the `Warning: 299 - "…"` headers, in order. */
function warnings(a: { headers: Headers }): string[] {
  const header = a.headers.get('warning') ?? '';
  return [...header.matchAll(/299 - ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]!) as string);
}

describeOnBothBackends('field validation', (api) => {
  it('refuses a custom resource with unknown fields under Strict (400, sorted list) and stores nothing', async () => {
    const a = await api().req('POST', `${RO}?fieldValidation=Strict`, typoRollout('fv-strict'));
    expect(a.status).toBe(400);
    expect(a.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
      message: strictDecoding('Rollout', 'v1alpha1', ROLLOUT_TYPOS),
    });
    expect(a.body.details).toBeUndefined();
    expect((await api().req('GET', `${RO}/fv-strict`)).status).toBe(404);
  });

  it('refuses a built-in kind’s unknown fields in document order, nested paths with list indexes', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'fv-deploy' },
      spec: {
        replicass: 3,
        selector: { matchLabels: { app: 'fv' } },
        template: {
          metadata: { labels: { app: 'fv' } },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'nginx',
                imagePullPolicyy: 'Always',
                ports: [{ containerPort: 80, nme: 'http' }],
              },
            ],
          },
        },
      },
    };
    const a = await api().req('POST', `${DEPLOY}?fieldValidation=Strict`, deployment);
    expect(a.status).toBe(400);
    expect(a.body.message).toBe(
      strictDecoding('Deployment', 'v1', [
        'spec.replicass',
        'spec.template.spec.containers[0].imagePullPolicyy',
        'spec.template.spec.containers[0].ports[0].nme',
      ]),
    );
    const cm = { zz: 1, apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fv-cm', foo: 1 } };
    const b = await api().req('POST', `${CM}?fieldValidation=Strict`, { ...cm, aa: 2 });
    expect(b.body.message).toBe(strictDecoding('ConfigMap', 'v1', ['zz', 'metadata.foo', 'aa']));
    expect((await api().req('GET', `${DEPLOY}/fv-deploy`)).status).toBe(404);
  });

  it.each([
    ['Warn', '?fieldValidation=Warn', ROLLOUT_TYPOS.map((p) => `unknown field "${p}"`)],
    ['no parameter (the default is Warn)', '', ROLLOUT_TYPOS.map((p) => `unknown field "${p}"`)],
    ['Ignore', '?fieldValidation=Ignore', []],
  ])(
    'creates under %s, warning once per field, and stores the object pruned',
    async (mode, q, want) => {
      const name = `fv-${mode.split(' ')[0]!.toLowerCase()}`;
      const a = await api().reqWithHeaders('POST', `${RO}${q}`, typoRollout(name));
      expect(a.status).toBe(201);
      expect(warnings(a)).toEqual(want);
      const stored = (await api().req('GET', `${RO}/${name}`)).body;
      expect(stored.metadata.bogusMeta).toBeUndefined();
      expect(stored.topbogus).toBeUndefined();
      expect(stored.spec.replicass).toBeUndefined();
      expect(stored.spec.strategy.canary.steps).toEqual([{ setWeight: 20 }]);
    },
  );

  it('reports a repeated key as a duplicate field, in document order among unknown ones', async () => {
    // Raw JSON text: a repeated key cannot be written as a JS object.
    const cm =
      '{"zz":1,"apiVersion":"v1","kind":"ConfigMap","data":{"a":"b","a":"c"},"metadata":{"name":"fv-dup"},"aa":2,"aa":3}';
    const strict = await api().req('POST', `${CM}?fieldValidation=Strict`, cm);
    expect(strict.status).toBe(400);
    expect(strict.body.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "zz", duplicate field "data.a", unknown field "aa"',
    );
    const ro = JSON.stringify(rollout('fv-dup', { spec: { zz: 1 } })).replace(
      '"selector"',
      '"replicas":1,"replicas":2,"selector"',
    );
    const crStrict = await api().req('POST', `${RO}?fieldValidation=Strict`, ro);
    expect(crStrict.body.message).toBe(
      'Rollout in version "v1alpha1" cannot be handled as a Rollout: strict decoding error: duplicate field "spec.replicas", unknown field "spec.zz"',
    );
    const warned = await api().reqWithHeaders(
      'POST',
      CM,
      cm.replace(/"zz":1,|,"aa":2,"aa":3/g, ''),
    );
    expect(warned.status).toBe(201);
    expect(warnings(warned)).toEqual(['duplicate field "data.a"']);
    expect(warned.body.data).toEqual({ a: 'c' });
  });

  it('answers an update (PUT) as a create: 400 under Strict, warnings by default', async () => {
    const created = await api().req('POST', CM, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fv-put' },
      data: { a: '1' },
    });
    const body = { ...created.body, data: { a: '2' }, bogus: 1 };
    const strict = await api().req('PUT', `${CM}/fv-put?fieldValidation=Strict`, body);
    expect(strict.status).toBe(400);
    expect(strict.body.message).toBe(strictDecoding('ConfigMap', 'v1', ['bogus']));
    expect((await api().req('GET', `${CM}/fv-put`)).body.data).toEqual({ a: '1' });
    const warned = await api().reqWithHeaders('PUT', `${CM}/fv-put`, body);
    expect(warned.status).toBe(200);
    expect(warnings(warned)).toEqual(['unknown field "bogus"']);
    expect(warned.body.bogus).toBeUndefined();
    expect(warned.body.data).toEqual({ a: '2' });
  });

  it('refuses a merge patch with unknown fields under Strict: 422 on `patch`, the object unchanged', async () => {
    const created = await api().req('POST', RO, rollout('fv-patch'));
    expect(created.status).toBe(201);
    const patch = { spec: { replicass: 1, aaa: 2 }, metadata: { zz: 1 } };
    const a = await api().req('PATCH', `${RO}/fv-patch?fieldValidation=Strict`, patch, MERGE);
    expect(a.status).toBe(422);
    const tail = `: strict decoding error: ${unknown(['metadata.zz', 'spec.aaa', 'spec.replicass'])}`;
    expect(a.body.reason).toBe('Invalid');
    // The value is the whole patched object as JSON (keys sorted): its uid and times differ.
    expect(
      a.body.message.startsWith(' "" is invalid: patch: Invalid value: "{\\"apiVersion\\"'),
    ).toBe(true);
    expect(a.body.message.endsWith(tail)).toBe(true);
    expect(a.body.details.causes).toHaveLength(1);
    expect(a.body.details.causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'patch' });
    expect(a.body.details.causes[0].message.endsWith(tail)).toBe(true);
    expect(Object.keys(a.body.details)).toEqual(['causes']);
    const after = await api().req('GET', `${RO}/fv-patch`);
    expect(after.body.metadata.resourceVersion).toBe(created.body.metadata.resourceVersion);

    const warned = await api().reqWithHeaders('PATCH', `${RO}/fv-patch`, patch, MERGE);
    expect(warned.status).toBe(200);
    expect(warnings(warned)).toEqual([
      'unknown field "metadata.zz"',
      'unknown field "spec.aaa"',
      'unknown field "spec.replicass"',
    ]);
    expect(warned.body.spec.replicass).toBeUndefined();
  });

  it('prints a strategic merge patch as a Go map in its 422, and a JSON patch’s result as JSON', async () => {
    await api().req('POST', CM, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fv-smp' },
      data: { a: '1' },
    });
    const smp = await api().req(
      'PATCH',
      `${CM}/fv-smp?fieldValidation=Strict`,
      { bogus: 1, metadata: { zz: 1 } },
      'application/strategic-merge-patch+json',
    );
    expect(smp.status).toBe(422);
    expect(smp.body.message).toBe(
      ' "" is invalid: patch: Invalid value: "map[bogus:1 metadata:map[zz:1]]": strict decoding error: unknown field "bogus", unknown field "metadata.zz"',
    );
    const jsonPatch = await api().req(
      'PATCH',
      `${CM}/fv-smp?fieldValidation=Strict`,
      [{ op: 'add', path: '/bogus', value: { q: 1 } }],
      'application/json-patch+json',
    );
    expect(jsonPatch.status).toBe(422);
    expect(jsonPatch.body.message).toMatch(
      /^ "" is invalid: patch: Invalid value: "\{.*\\"bogus\\":\{\\"q\\":1\}.*\}": strict decoding error: unknown field "bogus"$/,
    );
    const warned = await api().reqWithHeaders(
      'PATCH',
      `${CM}/fv-smp`,
      [{ op: 'add', path: '/bogus', value: { q: 1 } }],
      'application/json-patch+json',
    );
    expect(warned.status).toBe(200);
    expect(warnings(warned)).toEqual(['unknown field "bogus"']);
  });

  it.each(['Strict', 'Ignore'])(
    'fails a server-side apply with unknown fields with a 500 without a reason, even under %s',
    async (mode) => {
      const name = `fv-apply-${mode.toLowerCase()}`;
      const config = { ...rollout(name), metadata: { name, zz: 1 } };
      const q = `?fieldManager=me&fieldValidation=${mode}`;
      const fresh = await api().req(
        'PATCH',
        `${RO}/${name}${q}`,
        { ...config, spec: { ...config.spec, replicass: 1 } },
        APPLY,
      );
      expect(fresh.status).toBe(500);
      const { message, ...status } = fresh.body;
      expect(status).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        code: 500,
      });
      // structured-merge-diff lists them in Go map order, which varies from call to call.
      const [head, ...lines] = (message as string).split('\n  ');
      expect(head).toBe(
        `failed to create typed patch object (/${name}; argoproj.io/v1alpha1, Kind=Rollout): errors:`,
      );
      expect(lines.sort()).toEqual([
        '.metadata.zz: field not declared in schema',
        '.spec.replicass: field not declared in schema',
      ]);
      expect((await api().req('GET', `${RO}/${name}`)).status).toBe(404);
      // Named by the namespace the configuration states (kubectl's always does), else none.
      const withNs = { ...rollout(name), bogus: 1 };
      withNs.metadata = { name, namespace: 'default' } as typeof withNs.metadata;
      const one = await api().req('PATCH', `${RO}/${name}${q}`, withNs, APPLY);
      expect(one.body.message).toBe(
        `failed to create typed patch object (default/${name}; argoproj.io/v1alpha1, Kind=Rollout): .bogus: field not declared in schema`,
      );
    },
  );

  it('reports the keys a patch repeats first: 422 under Strict, unchanged; warnings by default', async () => {
    await api().req('POST', CM, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'fv-pdup' },
      data: { a: '1' },
    });
    const created = await api().req('POST', RO, rollout('fv-pdup'));
    const strictPatch = (path: string, type: string, body: string) =>
      api().req('PATCH', `${path}?fieldValidation=Strict`, body, type);
    const tailOf = (message: string) => message.slice(message.indexOf(': strict decoding error'));

    const merge = await strictPatch(`${CM}/fv-pdup`, MERGE, '{"zz":1,"data":{"b":"1","b":"2"}}');
    expect(merge.status).toBe(422);
    expect(tailOf(merge.body.message)).toBe(
      ': strict decoding error: duplicate field "data.b", unknown field "zz"',
    );
    const strategic = await strictPatch(`${CM}/fv-pdup`, STRATEGIC, '{"data":{"c":"1","c":"2"}}');
    expect(strategic.body.message).toBe(
      ' "" is invalid: patch: Invalid value: "map[data:map[c:2]]": strict decoding error: duplicate field "data.c"',
    );
    const crMerge = await strictPatch(
      `${RO}/fv-pdup`,
      MERGE,
      '{"spec":{"replicas":1,"replicas":2}}',
    );
    expect(tailOf(crMerge.body.message)).toBe(
      ': strict decoding error: duplicate field "spec.replicas"',
    );
    expect((await api().req('GET', `${CM}/fv-pdup`)).body.data).toEqual({ a: '1' });
    expect((await api().req('GET', `${RO}/fv-pdup`)).body.metadata.resourceVersion).toBe(
      created.body.metadata.resourceVersion,
    );

    const warned = await api().reqWithHeaders(
      'PATCH',
      `${CM}/fv-pdup`,
      '{"zz":1,"data":{"b":"1","b":"2"}}',
      MERGE,
    );
    expect(warned.status).toBe(200);
    expect(warnings(warned)).toEqual(['duplicate field "data.b"', 'unknown field "zz"']);
    expect(warned.body.data).toEqual({ a: '1', b: '2' });
    // A JSON patch: the key among the operations, then where the value put it in the object.
    const jsonPatch = await api().reqWithHeaders(
      'PATCH',
      `${CM}/fv-pdup`,
      '[{"op":"add","path":"/metadata/labels","value":{"x":"1","x":"2"}}]',
      JSON_PATCH,
    );
    expect(jsonPatch.status).toBe(200);
    expect(warnings(jsonPatch)).toEqual([
      'json patch duplicate field "[0].value.x"',
      'duplicate field "metadata.labels.x"',
    ]);
    expect(jsonPatch.body.metadata.labels).toEqual({ x: '2' });
  });

  it('reports the keys a YAML body repeats by line: create, update and server-side apply', async () => {
    const yaml = (data: string, extra = '') =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fv-ydup\ndata:\n${data}${extra}`;
    const twice = yaml('  f: "1"\n  g: "0"\n  f: "2"\n');
    const strict = await api().req('POST', `${CM}?fieldValidation=Strict`, twice, YAML);
    expect(strict.status).toBe(400);
    expect(strict.body.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: yaml: unmarshal errors:\n  line 8: key "f" already set in map',
    );
    expect((await api().req('GET', `${CM}/fv-ydup`)).status).toBe(404);
    const created = await api().reqWithHeaders('POST', CM, twice, YAML);
    expect(created.status).toBe(201);
    expect(warnings(created)).toEqual(['line 8: key "f" already set in map']);
    expect(created.body.data).toEqual({ f: '2', g: '0' });

    // The YAML decoder's keys come before the fields strict decoding then finds.
    const put = yaml('  h: "1"\n  h: "2"\n', 'zz: 1\nmetadata: {name: fv-ydup}\n');
    const updated = await api().reqWithHeaders('PUT', `${CM}/fv-ydup`, put, YAML);
    expect(updated.status).toBe(200);
    expect(warnings(updated)).toEqual([
      'line 7: key "h" already set in map',
      'line 9: key "metadata" already set in map',
      'unknown field "zz"',
    ]);

    // kubectl sends apply configurations as JSON, which the API server reads as YAML.
    const applyPath = `${CM}/fv-ydup?fieldManager=fv-apply`;
    const asJson =
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fv-ydup"},"data":{"e":"1","e":"2"}}';
    const refused = await api().req('PATCH', `${applyPath}&fieldValidation=Strict`, asJson, APPLY);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      'error strict decoding patch: error converting YAML to JSON: yaml: unmarshal errors:\n  line 1: key "e" already set in map',
    );
    expect((await api().req('GET', `${CM}/fv-ydup`)).body.data).toEqual({ h: '2' });
    const applied = await api().reqWithHeaders(
      'PATCH',
      applyPath,
      yaml('  f: "1"\n  f: "2"\n  g: "1"\n  g: "2"\n'),
      APPLY,
    );
    expect(applied.status).toBe(200);
    expect(warnings(applied)).toEqual([
      'line 7: key "f" already set in map',
      'line 9: key "g" already set in map',
    ]);
    expect(applied.body.data).toMatchObject({ f: '2', g: '2' });
    const ignored = await api().reqWithHeaders(
      'PATCH',
      `${applyPath}&fieldValidation=Ignore`,
      asJson,
      APPLY,
    );
    expect(ignored.status).toBe(200);
    expect(warnings(ignored)).toEqual([]);
    expect(ignored.body.data.e).toBe('2');
  });

  it('keeps fields under x-kubernetes-preserve-unknown-fields (the pod template spec) without a warning', async () => {
    const r = rollout('fv-preserve');
    r.spec.template.spec.containers = [{ name: 'web', image: 'nginx', futureField: 1 } as never];
    const a = await api().reqWithHeaders('POST', `${RO}?fieldValidation=Strict`, r);
    expect(a.status).toBe(201);
    expect(warnings(a)).toEqual([]);
    expect(a.body.spec.template.spec.containers[0].futureField).toBe(1);
  });
});

describeOnBackends('kubectl apply with a typo', { controller: false }, (bed) => {
  it('prints the API server’s strict decoding error and creates nothing', async () => {
    const file = join(bed.dir, 'typo.yaml');
    await writeFile(
      file,
      [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Rollout',
        'metadata: {name: typo}',
        'spec:',
        '  replicass: 3',
        '  selector: {matchLabels: {app: typo}}',
        '  template:',
        '    metadata: {labels: {app: typo}}',
        '    spec: {containers: [{name: web, image: nginx}]}',
        '',
      ].join('\n'),
    );
    const r = await bed.kubectl('apply', '-f', file);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe(
      `Error from server (BadRequest): error when creating "${file}": ${strictDecoding('Rollout', 'v1alpha1', ['spec.replicass'])}`,
    );
    const get = await bed.kubectl('get', 'rollout', 'typo');
    expect(get.code).not.toBe(0);
  });
});
