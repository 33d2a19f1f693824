import { expect, it } from 'vitest';
import { describeOnBothBackends, managers } from './api-backends.js';

const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
const APPLY = 'application/apply-patch+yaml';

const configMap = (
  name: string,
  data: Record<string, string>,
  labels?: Record<string, string>,
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});

describeOnBothBackends('server-side apply', (api) => {
  it('records the creating manager as an Update of every field it set', async () => {
    const created = await api().req(
      'POST',
      `${CM}?fieldManager=editor`,
      configMap('ssa-create', { a: '1' }, { app: 'shop' }),
    );
    expect(created.status).toBe(201);
    expect(managers(created.body)).toEqual([
      { manager: 'editor', operation: 'Update', owns: ['f:data f:a', 'f:metadata f:labels f:app'] },
    ]);
    // Shape: a ConfigMap has no generation; managedFields entries carry these keys in this order.
    expect(Object.keys(created.body.metadata).sort()).toEqual([
      'creationTimestamp',
      'labels',
      'managedFields',
      'name',
      'namespace',
      'resourceVersion',
      'uid',
    ]);
    expect(Object.keys(created.body.metadata.managedFields[0])).toEqual([
      'manager',
      'operation',
      'apiVersion',
      'time',
      'fieldsType',
      'fieldsV1',
    ]);
    expect(created.body.metadata.managedFields[0].fieldsV1).toEqual({
      'f:data': { '.': {}, 'f:a': {} },
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    });
  });

  it('refuses an apply that changes another manager’s field with 409 naming it, and takes it with force', async () => {
    await api().req(
      'POST',
      `${CM}?fieldManager=editor`,
      configMap('ssa-conflict', { a: '1', b: '2' }),
    );
    const refused = await api().req(
      'PATCH',
      `${CM}/ssa-conflict?fieldManager=gitops`,
      configMap('ssa-conflict', { a: '2', c: '3' }),
      APPLY,
    );
    expect(refused).toEqual({
      status: 409,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Apply failed with 1 conflict: conflict with "editor" using v1: .data.a',
        reason: 'Conflict',
        details: {
          causes: [
            {
              reason: 'FieldManagerConflict',
              message: 'conflict with "editor" using v1',
              field: '.data.a',
            },
          ],
        },
        code: 409,
      },
    });
    const forced = await api().req(
      'PATCH',
      `${CM}/ssa-conflict?fieldManager=gitops&force=true`,
      configMap('ssa-conflict', { a: '2', c: '3' }),
      APPLY,
    );
    expect(forced.status).toBe(200);
    expect(forced.body.data).toEqual({ a: '2', b: '2', c: '3' });
    expect(managers(forced.body)).toEqual([
      { manager: 'gitops', operation: 'Apply', owns: ['f:data f:a', 'f:data f:c'] },
      { manager: 'editor', operation: 'Update', owns: ['f:data f:b'] },
    ]);
    expect(forced.body.metadata.managedFields[0].fieldsV1).toEqual({
      'f:data': { 'f:a': {}, 'f:c': {} },
    });
  });

  it('lists every conflict by manager when several fields collide', async () => {
    await api().req('POST', `${CM}?fieldManager=editor`, configMap('ssa-many', { a: '1', b: '2' }));
    const refused = await api().req(
      'PATCH',
      `${CM}/ssa-many?fieldManager=gitops`,
      configMap('ssa-many', { a: 'x', b: 'y' }),
      APPLY,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "editor" using v1:\n- .data.a\n- .data.b',
    );
    expect(refused.body.details.causes.map((c: { field: string }) => c.field)).toEqual([
      '.data.a',
      '.data.b',
    ]);
  });

  it('shares a field applied with the same value, and removes what an applier stops applying', async () => {
    await api().req('POST', `${CM}?fieldManager=editor`, configMap('ssa-share', { a: '1' }));
    const shared = await api().req(
      'PATCH',
      `${CM}/ssa-share?fieldManager=gitops`,
      configMap('ssa-share', { a: '1', b: '2' }),
      APPLY,
    );
    expect(shared.status).toBe(200);
    expect(managers(shared.body)).toEqual([
      { manager: 'gitops', operation: 'Apply', owns: ['f:data f:a', 'f:data f:b'] },
      { manager: 'editor', operation: 'Update', owns: ['f:data f:a'] },
    ]);
    // gitops stops applying a and b: b (its alone) goes, a (still the editor's) stays.
    const dropped = await api().req(
      'PATCH',
      `${CM}/ssa-share?fieldManager=gitops`,
      configMap('ssa-share', { c: '3' }),
      APPLY,
    );
    expect(dropped.body.data).toEqual({ a: '1', c: '3' });
    expect(managers(dropped.body)).toEqual([
      { manager: 'gitops', operation: 'Apply', owns: ['f:data f:c'] },
      { manager: 'editor', operation: 'Update', owns: ['f:data f:a'] },
    ]);
  });

  it('creates with apply (201) and owns keyed list items by their keys', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ssa-web', labels: { app: 'ssa-web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'ssa-web' } },
        template: {
          metadata: { labels: { app: 'ssa-web' } },
          spec: {
            containers: [
              { name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] },
            ],
          },
        },
      },
    };
    const created = await api().req(
      'PATCH',
      `${DEPLOY}/ssa-web?fieldManager=gitops`,
      deployment,
      APPLY,
    );
    expect(created.status).toBe(201);
    const mine = (created.body.metadata.managedFields as Array<{ manager: string }>).filter(
      (e) => e.manager === 'gitops',
    );
    expect(mine).toEqual([
      expect.objectContaining({
        operation: 'Apply',
        apiVersion: 'apps/v1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"web"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': {
                      'k:{"containerPort":80,"protocol":"TCP"}': {
                        '.': {},
                        'f:containerPort': {},
                        'f:protocol': {},
                      },
                    },
                  },
                },
              },
            },
          },
        },
      }),
    ]);
    // Another manager scales it; re-applying another replica count then conflicts on .spec.replicas.
    const scaled = await api().req(
      'PATCH',
      `${DEPLOY}/ssa-web?fieldManager=autoscaler`,
      { spec: { replicas: 2 } },
      'application/merge-patch+json',
    );
    expect(scaled.status).toBe(200);
    const refused = await api().req(
      'PATCH',
      `${DEPLOY}/ssa-web?fieldManager=gitops`,
      { ...deployment, spec: { ...deployment.spec, replicas: 3 } },
      APPLY,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'Apply failed with 1 conflict: conflict with "autoscaler" using apps/v1: .spec.replicas',
    );
  });
});
