import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeKubectl,
  kubectlVersion,
  startKubectlSession,
  type KubectlSession,
} from '../support/kubectl-session.js';

const root = resolve(import.meta.dirname, '../..');
let session: KubectlSession;

/**
 * `kubectl auth` against the devcluster, which answers as an API server with anonymous requests and
 * the AlwaysAllow authorizer: every access review is allowed (protobuf request bodies, JSON answers).
 */
describeKubectl(`kubectl auth (${kubectlVersion ?? 'absent'}) against the devcluster`, () => {
  beforeAll(async () => {
    session = await startKubectlSession({ prefix: 'kubectl-auth' });
    await session.ok('apply', '-k', join(root, 'manifests'));
    await session.ok(
      'wait',
      '--for',
      'condition=established',
      '--timeout=10s',
      'crd/rollouts.argoproj.io',
    );
  });
  afterAll(() => session?.close());

  it.each([
    [['create', 'rollouts.argoproj.io']],
    [['patch', 'rollouts.argoproj.io/status', '--subresource=status']],
    [['delete', 'pods', '--all-namespaces']],
    [['get', '/healthz']],
    [['list', 'rollouts', '-n', 'kube-system']],
  ])('can-i %j says yes and exits 0', async (args) => {
    const r = await session.kubectl('auth', 'can-i', ...args);
    expect(r).toMatchObject({ stdout: 'yes\n', code: 0 });
  });

  it('can-i --quiet prints nothing and exits 0', async () => {
    expect(
      await session.kubectl('auth', 'can-i', 'create', 'rollouts.argoproj.io', '--quiet'),
    ).toMatchObject({ stdout: '', code: 0 });
  });

  it('can-i --list prints the AlwaysAllow rules as a table', async () => {
    const r = await session.kubectl('auth', 'can-i', '--list');
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s{2,}/));
    expect(rows[0]).toEqual(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
    expect(rows).toContainEqual(['*.*', '[]', '[]', '[*]']);
    expect(rows).toContainEqual(['[*]', '[]', '[*]']);
  });

  it('whoami names the anonymous user', async () => {
    const r = await session.kubectl('auth', 'whoami');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Username\s+system:anonymous/);
    expect(r.stdout).toMatch(/Groups\s+\[system:unauthenticated\]/);
  });

  it('an unknown resource is a warning, still allowed, as on a real server', async () => {
    const r = await session.kubectl('auth', 'can-i', 'create', 'nosuchthings');
    expect(r).toMatchObject({ stdout: 'yes\n', code: 0 });
    expect(r.stderr).toMatch(/the server doesn't have a resource type 'nosuchthings'/);
  });
});
