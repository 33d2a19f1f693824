import { env, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import { sign } from '@octokit/webhooks-methods';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// GitOps inside workerd (issue 7, "both runtimes"): the webhook is verified with the bound secret,
// the push becomes a GitSource hint for its Durable Object, and the sync there talks to GitHub
// through octokit. GitHub and Kubernetes are small stubs behind the global fetch. The bindings
// (GITOPS_CONFIG: acme/deploy k8s/ → namespace shop) are set in vitest.config.ts.
const GITHUB = 'https://github.test';
const SECRET = 'test-github-secret';
const SHA = 'c'.repeat(40);
const TREE = 'd'.repeat(40);
const BLOB = 'e'.repeat(40);

let githubCalls: Array<{ method: string; path: string; auth: string | null; body?: unknown }>;
let blobText: string;

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const url = new URL(req.url);
  if (url.origin === 'https://kube.test') {
    // Only the source's inventory is read before a refused push stops: there is none yet.
    return Response.json(
      { kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' },
      { status: 404 },
    );
  }
  if (url.origin !== GITHUB) throw new Error(`unexpected fetch ${req.url}`);
  const body = req.method === 'GET' ? undefined : await req.json();
  githubCalls.push({
    method: req.method,
    path: url.pathname,
    auth: req.headers.get('authorization'),
    body,
  });
  const p = decodeURIComponent(url.pathname);
  if (p === '/repos/acme/deploy/git/ref/heads/main')
    return Response.json({ ref: 'refs/heads/main', object: { sha: SHA, type: 'commit' } });
  if (p === `/repos/acme/deploy/git/trees/${SHA}`) {
    return Response.json({
      sha: TREE,
      truncated: false,
      tree: [
        { path: 'k8s', type: 'tree', sha: TREE },
        { path: 'k8s/rollout.yaml', type: 'blob', sha: BLOB, size: blobText.length },
      ],
    });
  }
  if (p === `/repos/acme/deploy/git/blobs/${BLOB}`)
    return Response.json({
      sha: BLOB,
      encoding: 'base64',
      content: btoa(blobText),
      size: blobText.length,
    });
  if (p === `/repos/acme/deploy/statuses/${SHA}`)
    return Response.json({ id: 1, ...(body as object) }, { status: 201 });
  return Response.json({ message: 'Not Found' }, { status: 404 });
}

async function push(secret = SECRET): Promise<Response> {
  const body = JSON.stringify({
    ref: 'refs/heads/main',
    before: 'a'.repeat(40),
    after: SHA,
    deleted: false,
    repository: { full_name: 'acme/deploy' },
    commits: [{ id: SHA, added: ['k8s/rollout.yaml'], removed: [], modified: [] }],
  });
  const headers = {
    'content-type': 'application/json',
    'x-github-event': 'push',
    'x-github-delivery': crypto.randomUUID(),
    'x-hub-signature-256': await sign(secret, body),
  };
  return SELF.fetch('https://rollouts.test/hooks/github', { method: 'POST', headers, body });
}

const source = () => env.RECONCILER.get(env.RECONCILER.idFromName('GitSource/shop/deploy'));

beforeAll(() => {
  vi.stubGlobal('fetch', fakeFetch);
});
beforeEach(() => {
  githubCalls = [];
});

describe('GitOps on Workers', () => {
  it('refuses a push signed with another secret', async () => {
    expect((await push('not-the-secret')).status).toBe(401);
  });

  it('a signed push syncs in the source object through octokit; an invalid manifest fails the commit status', async () => {
    blobText = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n';
    const res = await push();
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ syncing: ['deploy'], sha: SHA });
    expect(await runInDurableObject(source(), (_o, state) => state.storage.get('hint'))).toEqual({
      kind: 'GitSource',
      namespace: 'shop',
      name: 'deploy',
    });

    for (let i = 0; i < 20 && !githubCalls.some((c) => c.method === 'POST'); i++) {
      if (!(await runDurableObjectAlarm(source()))) await new Promise((r) => setTimeout(r, 25));
    }
    const status = githubCalls.find((c) => c.method === 'POST');
    expect(status?.path).toBe(`/repos/acme/deploy/statuses/${SHA}`);
    expect(status?.body).toMatchObject({ state: 'failure', context: 'gitops/workerd/deploy' });
    expect((status?.body as { description: string }).description).toMatch(
      /^not applied: k8s\/rollout\.yaml: document 1: invalid YAML/,
    );
    expect(githubCalls.every((c) => c.auth === 'token test-github-token')).toBe(true);
  });
});
