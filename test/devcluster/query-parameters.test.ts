import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, NS, startHarness } from './harness.js';

/**
 * Every query parameter the devcluster reads, decoded and validated as kube-apiserver 1.37 does
 * (k8s.io/apimachinery runtime/conversion.go, meta/v1/validation, meta/internalversion/validation).
 * The expected messages are what a real kube-apiserver answered to the same requests.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  for (const name of ['a', 'b', 'c'])
    await h.req('POST', `${NS}/configmaps`, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name },
      data: { k: name },
    });
});
afterAll(() => h.close());

const CM = (name: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name },
  data: { k: 'v' },
});

/** The first line of a response: a watch event for a watch, the whole body otherwise. */
async function firstLine(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; line: string; chunked: boolean }> {
  const abort = new AbortController();
  const res = await fetch(`${h.url}${path}`, { headers, signal: abort.signal });
  const reader = res.body?.getReader();
  let text = '';
  while (reader && !text.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += Buffer.from(value).toString('utf8');
  }
  abort.abort();
  return {
    status: res.status,
    line: text.split('\n')[0] ?? '',
    chunked: res.headers.get('transfer-encoding') === 'chunked',
  };
}

describe('booleans: only absent, "0" and "false" (any case) are false; anything else is true', () => {
  it.each(['true', 'True', 'TRUE', '1', 't', 'T', 'yes', 'f', 'F', 'on', ''])(
    'watch=%j watches',
    async (v) => {
      const r = await firstLine(`${NS}/configmaps?watch=${encodeURIComponent(v)}`);
      expect(r.chunked).toBe(true);
      expect(JSON.parse(r.line)).toMatchObject({ type: 'ADDED', object: { kind: 'ConfigMap' } });
    },
  );

  it.each(['false', 'False', 'FALSE', 'fAlSe', '0'])('watch=%j lists', async (v) => {
    const r = await h.req('GET', `${NS}/configmaps?watch=${v}`);
    expect(r.status).toBe(200);
    expect(r.body.kind).toBe('ConfigMapList');
  });

  it('orphanDependents=yes orphans the dependents (true, like the API server)', async () => {
    await h.req('POST', `${NS}/configmaps`, CM('owner'));
    const owner = (await h.req('GET', `${NS}/configmaps/owner`)).body;
    await h.req('POST', `${NS}/configmaps`, {
      ...CM('dependent'),
      metadata: {
        name: 'dependent',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid },
        ],
      },
    });
    expect((await h.req('DELETE', `${NS}/configmaps/owner?orphanDependents=yes`)).status).toBe(200);
    expect(
      (await h.req('GET', `${NS}/configmaps/dependent`)).body.metadata.ownerReferences,
    ).toBeUndefined();
  });

  it('sendInitialEvents=false starts a watch list at now, =true sends the state and its bookmark', async () => {
    const match = 'resourceVersionMatch=NotOlderThan&allowWatchBookmarks=1';
    const initial = await firstLine(`${NS}/configmaps?watch=1&sendInitialEvents=TRUE&${match}`);
    expect(JSON.parse(initial.line)).toMatchObject({ type: 'ADDED' });
    const abort = new AbortController();
    const res = await fetch(`${h.url}${NS}/configmaps?watch=1&sendInitialEvents=0&${match}`, {
      signal: abort.signal,
    });
    const reader = res.body?.getReader();
    await h.req('POST', `${NS}/configmaps`, CM('after-watch'));
    const { value } = (await reader?.read()) ?? {};
    abort.abort();
    expect(
      JSON.parse(
        Buffer.from(value ?? new Uint8Array())
          .toString()
          .split('\n')[0] ?? '',
      ),
    ).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'after-watch' } } });
  });
});

const parseError = (v: string, why = 'invalid syntax') => ({
  status: 400,
  reason: 'BadRequest',
  message: `strconv.ParseInt: parsing ${JSON.stringify(v)}: ${why}`,
});
const invalid = (kind: string, message: string) => ({
  status: 422,
  reason: 'Invalid',
  message: `${kind}.meta.k8s.io "" is invalid: ${message}`,
});

describe("integers are strconv.ParseInt, a decode failure a 400 with Go's message", () => {
  it.each([
    ['GET', `${NS}/configmaps?limit=abc`, parseError('abc')],
    ['GET', `${NS}/configmaps?limit=`, parseError('')],
    ['GET', `${NS}/configmaps?limit=%2B5x`, parseError('+5x')],
    [
      'GET',
      `${NS}/configmaps?limit=99999999999999999999`,
      parseError('99999999999999999999', 'value out of range'),
    ],
    ['GET', `${NS}/configmaps?timeoutSeconds=x`, parseError('x')],
    ['GET', `${NS}/configmaps?watch=1&timeoutSeconds=1.5`, parseError('1.5')],
    ['DELETE', `${NS}/configmaps/a?gracePeriodSeconds=x`, parseError('x')],
    ['DELETE', `${NS}/configmaps?limit=x`, parseError('x')],
  ])('%s %s', async (method, path, expected) => {
    const r = await h.req(method, path);
    expect({ status: r.status, reason: r.body.reason, message: r.body.message }).toEqual(expected);
  });

  it.each([
    ['-1', 4],
    ['0', 4],
    ['%2B2', 2],
    ['2', 2],
  ])('limit=%s returns %i of 4 items', async (limit, count) => {
    for (const n of ['a', 'b', 'c', 'd'])
      await h.req('POST', `${NS}/configmaps`, {
        ...CM(`lim-${n}`),
        metadata: { name: `lim-${n}`, labels: { set: 'lim' } },
      });
    const r = await h.req('GET', `${NS}/configmaps?labelSelector=set%3Dlim&limit=${limit}`);
    expect(r.body.items).toHaveLength(count);
  });
});

describe('options are validated as the API server validates them (422, all problems at once)', () => {
  it.each([
    [
      'GET',
      `${NS}/configmaps?resourceVersionMatch=Exact`,
      invalid(
        'ListOptions',
        'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
      ),
    ],
    [
      'GET',
      `${NS}/configmaps?resourceVersionMatch=Bogus&resourceVersion=1`,
      invalid(
        'ListOptions',
        'resourceVersionMatch: Unsupported value: "Bogus": supported values: "Exact", "NotOlderThan", ""',
      ),
    ],
    [
      'GET',
      `${NS}/configmaps?sendInitialEvents=true`,
      invalid(
        'ListOptions',
        'sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list',
      ),
    ],
    [
      'GET',
      `${NS}/configmaps?watch=1&sendInitialEvents=true`,
      invalid(
        'ListOptions',
        'resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      ),
    ],
    [
      'GET',
      `${NS}/configmaps?watch=1&resourceVersionMatch=NotOlderThan`,
      invalid(
        'ListOptions',
        'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
      ),
    ],
    [
      'POST',
      `${NS}/configmaps?dryRun=Bogus`,
      invalid('CreateOptions', 'dryRun: Unsupported value: ["Bogus"]: supported values: "All"'),
    ],
    [
      'POST',
      `${NS}/configmaps?dryRun=`,
      invalid('CreateOptions', 'dryRun: Unsupported value: [""]: supported values: "All"'),
    ],
    [
      'POST',
      `${NS}/configmaps?dryRun=All&dryRun=X`,
      invalid('CreateOptions', 'dryRun: Unsupported value: ["All","X"]: supported values: "All"'),
    ],
    [
      'POST',
      `${NS}/configmaps?fieldValidation=Bogus`,
      invalid(
        'CreateOptions',
        'fieldValidation: Unsupported value: "Bogus": supported values: "", "Ignore", "Strict", "Warn"',
      ),
    ],
    [
      'POST',
      `${NS}/configmaps?fieldManager=${'x'.repeat(129)}`,
      invalid('CreateOptions', 'fieldManager: Too long: may not be more than 128 bytes'),
    ],
    [
      'POST',
      `${NS}/configmaps?fieldManager=a%01b`,
      invalid(
        'CreateOptions',
        'fieldManager: Invalid value: "a\\x01b": invalid character U+0001 (at position 1)',
      ),
    ],
    [
      'POST',
      `${NS}/configmaps?fieldManager=a&dryRun=Bogus&fieldValidation=Q`,
      invalid(
        'CreateOptions',
        '[dryRun: Unsupported value: ["Bogus"]: supported values: "All", fieldValidation: Unsupported value: "Q": supported values: "", "Ignore", "Strict", "Warn"]',
      ),
    ],
    [
      'PUT',
      `${NS}/configmaps/a?dryRun=all`,
      invalid('UpdateOptions', 'dryRun: Unsupported value: ["all"]: supported values: "All"'),
    ],
    [
      'DELETE',
      `${NS}/configmaps/a?propagationPolicy=Bogus`,
      invalid(
        'DeleteOptions',
        'propagationPolicy: Unsupported value: "Bogus": supported values: "Foreground", "Background", "Orphan", "nil"',
      ),
    ],
    [
      'DELETE',
      `${NS}/configmaps/a?propagationPolicy=`,
      invalid(
        'DeleteOptions',
        'propagationPolicy: Unsupported value: "": supported values: "Foreground", "Background", "Orphan", "nil"',
      ),
    ],
    [
      'DELETE',
      `${NS}/configmaps/a?propagationPolicy=Orphan&orphanDependents=false`,
      invalid(
        'DeleteOptions',
        'propagationPolicy: Invalid value: "Orphan": orphanDependents and deletionPropagation cannot be both set',
      ),
    ],
    [
      'DELETE',
      `${NS}/configmaps?dryRun=Bogus`,
      invalid('DeleteOptions', 'dryRun: Unsupported value: ["Bogus"]: supported values: "All"'),
    ],
  ])('%s %s', async (method, path, expected) => {
    const body = method === 'POST' || method === 'PUT' ? CM('a') : undefined;
    const r = await h.req(method, path, body);
    expect({ status: r.status, reason: r.body.reason, message: r.body.message }).toEqual(expected);
    expect(r.body.details).toMatchObject({
      group: 'meta.k8s.io',
      kind: expected.message.split('.')[0],
    });
  });

  it('patch options: force belongs to apply, and apply needs a fieldManager', async () => {
    const merge = await h.req(
      'PATCH',
      `${NS}/configmaps/a?force=false`,
      { data: { b: '2' } },
      'application/merge-patch+json',
    );
    expect(merge.body.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
    const apply = await h.req(
      'PATCH',
      `${NS}/configmaps/a`,
      CM('a'),
      'application/apply-patch+yaml',
    );
    expect(apply.body.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    expect(apply.body.details.causes).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value: is required for apply patch',
        field: 'fieldManager',
      },
    ]);
    expect(
      (
        await h.req(
          'PATCH',
          `${NS}/configmaps/a?fieldManager=m&force=yes`,
          CM('a'),
          'application/apply-patch+yaml',
        )
      ).status,
    ).toBe(200);
  });

  it('DeleteOptions come from the body when there is one, and the query is then ignored', async () => {
    await h.req('POST', `${NS}/configmaps`, CM('kept'));
    const dry = await h.req('DELETE', `${NS}/configmaps/kept?propagationPolicy=Bogus`, {
      dryRun: ['All'],
    });
    expect(dry.status).toBe(200);
    expect((await h.req('GET', `${NS}/configmaps/kept`)).status).toBe(200);
    const bad = await h.req('DELETE', `${NS}/configmaps/kept?dryRun=All`, {
      propagationPolicy: 'Bogus',
    });
    expect(bad.body.message).toBe(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Bogus": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
    expect((await h.req('DELETE', `${NS}/configmaps/kept?gracePeriodSeconds=-5`)).status).toBe(200);
  });
});

describe('pod log options', () => {
  beforeAll(async () => {
    await h.req('POST', `${NS}/pods`, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'lp' },
      spec: { containers: [{ name: 'lp', image: 'nginx:1.25' }] },
    });
  });
  const log = (name: string, message: string, field: string, reason = 'FieldValueInvalid') => ({
    status: 422,
    message: `PodLogOptions "lp" is invalid: ${field}: ${message}`,
    details: { name, kind: 'PodLogOptions', causes: [{ reason, message, field }] },
  });
  it.each([
    ['tailLines=x', { status: 400, message: 'strconv.ParseInt: parsing "x": invalid syntax' }],
    [
      'tailLines=-1',
      log('lp', 'Invalid value: -1: must be greater than or equal to 0', 'tailLines'),
    ],
    ['sinceSeconds=0', log('lp', 'Invalid value: 0: must be greater than 0', 'sinceSeconds')],
    ['limitBytes=0', log('lp', 'Invalid value: 0: must be greater than 0', 'limitBytes')],
    [
      'sinceSeconds=1&sinceTime=2020-01-01T00:00:00Z',
      log(
        'lp',
        'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
        '[]',
        'FieldValueForbidden',
      ),
    ],
    ['stream=Bogus', log('lp', 'Forbidden: may not be specified', 'stream', 'FieldValueForbidden')],
    [
      'sinceTime=bad',
      {
        status: 400,
        message: 'parsing time "bad" as "2006-01-02T15:04:05Z07:00": cannot parse "bad" as "2006"',
      },
    ],
    ['container=nope', { status: 400, message: 'container nope is not valid for pod lp' }],
  ])('%s', async (query, expected) => {
    const r = await h.req('GET', `${NS}/pods/lp/log?${query}`);
    expect({
      status: r.status,
      message: r.body.message,
      ...('details' in expected ? { details: r.body.details } : {}),
    }).toEqual(expected);
  });

  it('follow=yes and tailLines=10 are accepted', async () => {
    expect(
      (await h.req('GET', `${NS}/pods/lp/log?follow=yes&tailLines=10&timestamps=1`)).status,
    ).toBe(200);
  });
});

describe('everything else read from the query', () => {
  it('includeObject is read only for Tables', async () => {
    expect((await h.req('GET', `${NS}/configmaps?includeObject=Bogus`)).status).toBe(200);
    const table = await h.req('GET', `${NS}/configmaps?includeObject=Bogus`, undefined, undefined, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
    });
    expect({ status: table.status, message: table.body.message }).toEqual({
      status: 400,
      message:
        "Unable to convert to Table as requested: includeObject: Invalid value: \"Bogus\": must be 'Metadata', 'Object', 'None', or empty",
    });
  });

  it('a GET of one object with watch=true is a get (only /watch/ paths watch one object)', async () => {
    const r = await h.req('GET', `${NS}/configmaps/a?watch=true`);
    expect(r.body).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'a' } });
    const legacy = await firstLine(`/api/v1/watch/namespaces/default/configmaps/a`);
    expect(JSON.parse(legacy.line)).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'a' } },
    });
  });

  it.each([
    ['pretty=1', {}, true],
    ['pretty=true', {}, true],
    ['pretty=yes', {}, false], // strconv.ParseBool fails: not pretty
    ['', { 'user-agent': 'curl/8.5.0' }, true],
    ['pretty=0', { 'user-agent': 'curl/8.5.0' }, false],
    ['', { 'user-agent': 'kubectl/v1.32.4' }, false],
  ])('%s %j: indented JSON is %s', async (query, headers, pretty) => {
    const res = await fetch(`${h.url}${NS}/configmaps/a?${query}`, { headers });
    const text = await res.text();
    expect(/^\{\n {2}"/.test(text)).toBe(pretty);
    expect(JSON.parse(text)).toMatchObject({ metadata: { name: 'a' } });
  });
});
