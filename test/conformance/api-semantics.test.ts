import { expect, it } from 'vitest';
import { describeOnBothBackends, pollUntil, type Json } from './api-backends.js';

const CM = '/api/v1/namespaces/default/configmaps';
const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

const configMap = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data: { k: 'v' },
});

const status = (code: number, reason: string, message: string, details?: Json) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  ...(details ? { details } : {}),
  code,
});

const widgetCrd = (group: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `widgets.${group}`, annotations },
  spec: {
    group,
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  replicas: { type: 'integer', minimum: 0 },
                  // The one CEL rule our CRDs use (manifests/crds/rollout.yaml): an immutable selector.
                  selector: {
                    type: 'object',
                    'x-kubernetes-validations': [
                      { rule: 'self == oldSelf', message: 'the selector cannot be changed' },
                    ],
                    properties: { app: { type: 'string' } },
                  },
                },
              },
              status: { type: 'object', properties: { ready: { type: 'integer' } } },
            },
          },
        },
      },
    ],
  },
});

describeOnBothBackends('API semantics', (api) => {
  it('answers a missing object with 404 NotFound naming it', async () => {
    expect(await api().req('GET', `${CM}/nope`)).toEqual({
      status: 404,
      body: status(404, 'NotFound', 'configmaps "nope" not found', {
        name: 'nope',
        kind: 'configmaps',
      }),
    });
  });

  it('answers a duplicate create with 409 AlreadyExists and a stale update with 409 Conflict', async () => {
    const first = await api().req('POST', CM, configMap('dup'));
    expect(first.status).toBe(201);
    expect(await api().req('POST', CM, configMap('dup'))).toEqual({
      status: 409,
      body: status(409, 'AlreadyExists', 'configmaps "dup" already exists', {
        name: 'dup',
        kind: 'configmaps',
      }),
    });
    await api().req('PATCH', `${CM}/dup`, { data: { k: 'w' } }, 'application/merge-patch+json');
    const stale = await api().req('PUT', `${CM}/dup`, first.body);
    expect(stale).toEqual({
      status: 409,
      body: status(
        409,
        'Conflict',
        'Operation cannot be fulfilled on configmaps "dup": the object has been modified; please apply your changes to the latest version and try again',
        { name: 'dup', kind: 'configmaps' },
      ),
    });
  });

  it('refuses an invalid name with 422 Invalid and the validation message', async () => {
    const bad = await api().req('POST', CM, configMap('Bad_Name'));
    expect(bad.status).toBe(422);
    expect(bad.body.reason).toBe('Invalid');
    expect(bad.body.message).toBe(
      "ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });

  it('streams a watch-list: the current objects as ADDED, then a BOOKMARK marking the end', async () => {
    for (const name of ['wl-a', 'wl-b'])
      await api().req('POST', CM, configMap(name, { probe: 'wl' }));
    const events = await api().watch(
      `${CM}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&labelSelector=probe%3Dwl`,
      (seen) => seen.some((e) => e.type === 'BOOKMARK'),
    );
    expect(events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`)).toEqual([
      'ADDED wl-a',
      'ADDED wl-b',
      'BOOKMARK ',
    ]);
    const bookmark = events[2]?.object;
    expect(bookmark).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: {
        resourceVersion: expect.stringMatching(/^\d+$/),
        annotations: { 'k8s.io/initial-events-end': 'true' },
      },
    });
  });

  it('replays changes after a resourceVersion in order: MODIFIED then DELETED', async () => {
    const created = await api().req('POST', CM, configMap('rv-watch', { probe: 'rv' }));
    const rv = created.body.metadata.resourceVersion as string;
    await api().req(
      'PATCH',
      `${CM}/rv-watch`,
      { data: { k: 'x' } },
      'application/merge-patch+json',
    );
    await api().req('DELETE', `${CM}/rv-watch`);
    const events = await api().watch(
      `${CM}?watch=true&resourceVersion=${rv}&labelSelector=probe%3Drv`,
      (seen) => seen.length >= 2,
    );
    expect(events.map((e) => `${e.type} ${e.object.data.k}`)).toEqual(['MODIFIED x', 'DELETED x']);
  });

  it('requires the api-approved.kubernetes.io annotation for CRDs in protected groups', async () => {
    const refused = await api().req('POST', CRDS, widgetCrd('probe.k8s.io'));
    expect(refused.status).toBe(422);
    expect(refused.body.message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "widgets.probe.k8s.io" is invalid: metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
    );
    expect(refused.body.details.causes).toEqual([
      {
        reason: 'FieldValueRequired',
        message:
          'Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
        field: 'metadata.annotations[api-approved.kubernetes.io]',
      },
    ]);
    const approved = await api().req(
      'POST',
      CRDS,
      widgetCrd('approved.k8s.io', {
        'api-approved.kubernetes.io': 'https://github.com/kubernetes/enhancements/pull/1111',
      }),
    );
    expect(approved.status).toBe(201);
  });

  it('validates custom resources with the CRD’s schema and its CEL transition rule', async () => {
    expect((await api().req('POST', CRDS, widgetCrd('conformance.example.com'))).status).toBe(201);
    const established = await pollUntil(
      () => api().req('GET', `${CRDS}/widgets.conformance.example.com`),
      (r) =>
        (r.body.status?.conditions ?? []).some(
          (c: Json) => c.type === 'Established' && c.status === 'True',
        ),
    );
    expect(established.status).toBe(200);
    const path = '/apis/conformance.example.com/v1/namespaces/default/widgets';
    const widget = (replicas: number, app = 'a') => ({
      apiVersion: 'conformance.example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { replicas, selector: { app } },
    });
    // Discovery may lag Established by a moment on the real server.
    const negative = await pollUntil(
      () => api().req('POST', path, widget(-1)),
      (r) => r.status !== 404,
    );
    expect(negative.status).toBe(422);
    expect(negative.body.message).toBe(
      'Widget.conformance.example.com "w" is invalid: spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0',
    );
    const ok = await api().req('POST', `${path}?fieldManager=maker`, widget(1));
    expect(ok.status).toBe(201);
    expect(ok.body.metadata.generation).toBe(1);
    expect(ok.body.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'maker',
        operation: 'Update',
        fieldsV1: {
          'f:spec': { '.': {}, 'f:replicas': {}, 'f:selector': { '.': {}, 'f:app': {} } },
        },
      }),
    ]);
    const moved = await api().req(
      'PATCH',
      `${path}/w`,
      { spec: { selector: { app: 'b' } } },
      'application/merge-patch+json',
    );
    expect(moved.status).toBe(422);
    expect(moved.body.message).toBe(
      'Widget.conformance.example.com "w" is invalid: spec.selector: Invalid value: the selector cannot be changed',
    );
    const status = await api().req(
      'PATCH',
      `${path}/w/status?fieldManager=reporter`,
      { status: { ready: 1 } },
      'application/merge-patch+json',
    );
    expect(status.body.metadata.managedFields.map((e: Json) => [e.manager, e.subresource])).toEqual(
      [
        ['maker', undefined],
        ['reporter', 'status'],
      ],
    );
  });
});
