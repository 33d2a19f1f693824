import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';
import { bytes, concat, int, kubeBody } from './protobuf/wire-encoder.js';

/**
 * Self-reviews answered as a kube-apiserver with anonymous requests and the AlwaysAllow authorizer
 * would (expected bodies and errors as a real kube-apiserver 1.37 answered them, bar RBAC's reason).
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const SSRR = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';
const SSR = '/apis/authentication.k8s.io/v1/selfsubjectreviews';
const PROTOBUF = 'application/vnd.kubernetes.protobuf';

describe('SelfSubjectAccessReview', () => {
  it.each([
    [
      'a resource',
      {
        resourceAttributes: {
          namespace: 'default',
          verb: 'create',
          group: 'argoproj.io',
          resource: 'rollouts',
        },
      },
    ],
    ['a non-resource URL', { nonResourceAttributes: { path: '/healthz', verb: 'get' } }],
  ])("allows %s, with AlwaysAllow's empty reason, and stores nothing", async (_what, spec) => {
    const r = await h.req('POST', SSAR, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec,
      status: { allowed: false, denied: true, reason: 'ignored' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: {},
      spec,
      status: { allowed: true },
    });
    expect((await h.req('GET', SSAR)).status).toBe(405);
  });

  it.each([
    [
      {},
      'spec: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified',
    ],
    [
      { resourceAttributes: { verb: 'get' }, nonResourceAttributes: { path: '/x', verb: 'get' } },
      'spec: Invalid value: {"path":"/x","verb":"get"}: exactly one of nonResourceAttributes or resourceAttributes must be specified',
    ],
  ])('refuses the spec %j', async (spec, message) => {
    const r = await h.req('POST', SSAR, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec,
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      reason: 'Invalid',
      message: `.authorization.k8s.io "" is invalid: ${message}`,
      details: {
        group: 'authorization.k8s.io',
        causes: [{ reason: 'FieldValueInvalid', field: 'spec' }],
      },
    });
  });

  it('refuses metadata', async () => {
    const r = await h.req('POST', SSAR, {
      metadata: { name: 'x' },
      spec: { resourceAttributes: { verb: 'get' } },
    });
    expect(r.body.message).toBe(
      '.authorization.k8s.io "" is invalid: metadata: Invalid value: {"name":"x"}: must be empty',
    );
  });

  it('decodes the protobuf body kubectl sends (empty ObjectMeta fields included)', async () => {
    const emptyMeta = bytes(1, bytes(1, ''), bytes(2, ''), bytes(3, ''), int(7, 0));
    const attributes = bytes(
      1,
      bytes(1, 'default'),
      bytes(2, 'create'),
      bytes(3, 'argoproj.io'),
      bytes(5, 'rollouts'),
    );
    const body = kubeBody(
      'authorization.k8s.io/v1',
      'SelfSubjectAccessReview',
      concat(emptyMeta, bytes(2, attributes)),
    );
    const res = await fetch(`${h.url}${SSAR}`, {
      method: 'POST',
      headers: { 'content-type': PROTOBUF, accept: `${PROTOBUF},application/json` },
      body,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      spec: {
        resourceAttributes: {
          namespace: 'default',
          verb: 'create',
          group: 'argoproj.io',
          resource: 'rollouts',
        },
      },
      status: { allowed: true },
    });
  });
});

describe('SelfSubjectRulesReview and SelfSubjectReview', () => {
  it('lists the AlwaysAllow rules: everything, complete', async () => {
    const r = await h.req('POST', SSRR, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectRulesReview',
      spec: { namespace: 'default' },
    });
    expect(r.status).toBe(201);
    expect(r.body.status).toEqual({
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    });
  });

  it('needs a namespace, as the API server says', async () => {
    const r = await h.req('POST', SSRR, { spec: {} });
    expect(r.body).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'no namespace on request',
    });
  });

  it('says who is asking: nobody authenticated', async () => {
    const r = await h.req('POST', SSR, {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      kind: 'SelfSubjectReview',
      metadata: { creationTimestamp: expect.any(String) },
      status: { userInfo: { username: 'system:anonymous', groups: ['system:unauthenticated'] } },
    });
  });

  it('serves discovery as the API server does: create only, cluster-scoped', async () => {
    const authz = (await h.req('GET', '/apis/authorization.k8s.io/v1')).body.resources;
    expect(authz).toEqual([
      {
        name: 'selfsubjectaccessreviews',
        singularName: 'selfsubjectaccessreview',
        namespaced: false,
        kind: 'SelfSubjectAccessReview',
        verbs: ['create'],
      },
      {
        name: 'selfsubjectrulesreviews',
        singularName: 'selfsubjectrulesreview',
        namespaced: false,
        kind: 'SelfSubjectRulesReview',
        verbs: ['create'],
      },
    ]);
    expect((await h.req('GET', '/apis/authentication.k8s.io/v1')).body.resources).toEqual([
      {
        name: 'selfsubjectreviews',
        singularName: 'selfsubjectreview',
        namespaced: false,
        kind: 'SelfSubjectReview',
        verbs: ['create'],
      },
    ]);
  });
});
