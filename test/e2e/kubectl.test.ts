import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnBackends } from '../support/backends.js';
import { kubectlVersion } from '../support/kubectl-session.js';

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'test/fixtures/manifests');

function rowsOf(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s{2,}/));
}

// No controller here: the status-subresource test writes a Rollout's status itself.
describeOnBackends(`kubectl (${kubectlVersion ?? 'absent'})`, { controller: false }, (session) => {
  const kubectl = (...args: string[]) => session.kubectl(...args);
  const ok = (...args: string[]) => session.ok(...args);

  it('re-applies the installed CRDs with kustomize in place, and they are established', async () => {
    // Both beds install them before the tests (functions/real-cluster/crds.ts): never `created`.
    expect(await ok('apply', '-k', join(root, 'manifests'))).toMatch(
      /customresourcedefinition.apiextensions.k8s.io\/rollouts.argoproj.io (configured|unchanged)\n/,
    );
    await ok(
      'wait',
      '--for',
      'condition=established',
      '--timeout=10s',
      'crd/rollouts.argoproj.io',
      'crd/analysisruns.argoproj.io',
    );
    const names = await ok('api-resources', '--api-group=argoproj.io', '-o', 'name');
    expect(names.trim().split('\n').sort()).toEqual([
      'analysisruns.argoproj.io',
      'analysistemplates.argoproj.io',
      'clusteranalysistemplates.argoproj.io',
      'experiments.argoproj.io',
      'rollouts.argoproj.io',
    ]);
  });

  it('applies the example manifests and lists Rollouts with their printer columns', async () => {
    await ok('apply', '-f', join(root, 'manifests/devcluster/third-party-crds.yaml'));
    await ok(
      'wait',
      '--for',
      'condition=established',
      '--timeout=10s',
      'crd/virtualservices.networking.istio.io',
      'crd/trafficsplits.split.smi-spec.io',
    );
    for (const file of [
      'analysis-templates.yaml',
      'cluster-analysis-templates.yaml',
      'rollout-canary.yaml',
      'rollout-bluegreen.yaml',
      'rollout-analysis-step.yaml',
      'experiment-with-analysis.yaml',
      'istio-subset-split.yaml',
      'rollout-smi.yaml',
    ]) {
      const r = await kubectl('apply', '-f', join(fixtures, file));
      expect(r.stderr, file).toBe('');
      expect(r.code, file).toBe(0);
    }
    const rows = rowsOf(await ok('get', 'ro'));
    expect(rows[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(rows.length).toBeGreaterThan(2);
    // Re-applying unchanged manifests is a no-op.
    expect(await ok('apply', '-f', join(fixtures, 'rollout-canary.yaml'))).toMatch(/unchanged/);
  });

  it('creates a ReplicaSet whose pods become Ready, and streams the changes to a watch', async () => {
    // A sentinel pod the watch lists first: only once its row is printed is the watch open and
    // sure to see the new pods Pending (on a loaded machine kubectl takes seconds to start).
    const sentinel = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'e2e-watch-sentinel', labels: { app: 'e2e-watch-sentinel' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
    };
    await writeFile(join(session.dir, 'sentinel.json'), JSON.stringify(sentinel));
    await ok('create', '-f', join(session.dir, 'sentinel.json'));
    const watcher = spawn(
      'kubectl',
      ['get', 'pods', '-l', 'app in (e2e-web,e2e-watch-sentinel)', '-w', '--request-timeout=40s'],
      { env: session.env },
    );
    let watched = '';
    watcher.stdout.on('data', (d: Buffer) => (watched += d.toString()));
    const deadline = Date.now() + 30_000;
    while (!watched.includes('e2e-watch-sentinel') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(watched).toContain('e2e-watch-sentinel');
    const rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'e2e-web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'e2e-web' } },
        template: {
          metadata: { labels: { app: 'e2e-web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
        },
      },
    };
    await writeFile(join(session.dir, 'rs.json'), JSON.stringify(rs));
    await ok('create', '-f', join(session.dir, 'rs.json'));
    await ok('wait', '--for=condition=Ready', 'pod', '-l', 'app=e2e-web', '--timeout=15s');
    const rsRow = rowsOf(await ok('get', 'rs', 'e2e-web'));
    expect(rsRow[1]?.slice(0, 4)).toEqual(['e2e-web', '2', '2', '2']);
    await new Promise((r) => setTimeout(r, 300));
    watcher.kill();
    await ok('delete', 'pod', 'e2e-watch-sentinel', '--wait=false');
    expect(watched).toMatch(/e2e-web-\w{5}\s+0\/1\s+(Pending|ContainerCreating)/);
    expect(watched).toMatch(/e2e-web-\w{5}\s+1\/1\s+Running/);
  });

  it('answers 409 when kubectl replaces a stale object', async () => {
    const stale = await ok('get', 'rs', 'e2e-web', '-o', 'json');
    await ok('annotate', 'rs', 'e2e-web', 'touched=yes');
    await writeFile(join(session.dir, 'stale.json'), stale);
    const r = await kubectl('replace', '-f', join(session.dir, 'stale.json'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Conflict');
    expect(r.stderr).toContain('the object has been modified');
  });

  it('scales, labels, annotates and patches with every patch type', async () => {
    await ok('scale', 'rs', 'e2e-web', '--replicas=3');
    await ok('label', 'rs', 'e2e-web', 'tier=front');
    await ok(
      'patch',
      'rs',
      'e2e-web',
      '--type',
      'merge',
      '-p',
      '{"metadata":{"annotations":{"m":"1"}}}',
    );
    await ok(
      'patch',
      'rs',
      'e2e-web',
      '--type',
      'json',
      '-p',
      '[{"op":"add","path":"/metadata/annotations/j","value":"2"}]',
    );
    await ok(
      'patch',
      'rs',
      'e2e-web',
      '--type',
      'strategic',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}',
    );
    const out = await ok(
      'get',
      'rs',
      'e2e-web',
      '-o',
      'jsonpath={.spec.replicas} {.metadata.labels.tier} {.metadata.annotations.touched} {.metadata.annotations.m} {.metadata.annotations.j} {.spec.template.spec.containers[0].image}',
    );
    expect(out).toBe('3 front yes 1 2 nginx:1.26');
    await ok('wait', '--for=condition=Ready', 'pod', '-l', 'app=e2e-web', '--timeout=15s');
    expect(await ok('get', 'pods', '-l', 'app=e2e-web', '-o', 'name')).toMatch(
      /^(pod\/e2e-web-\w{5}\n){3}$/,
    );
  });

  it('patches a Rollout status through the status subresource', async () => {
    const help = await kubectl('patch', '--help');
    if (!help.stdout.includes('--subresource')) return; // kubectl < 1.24 has no --subresource flag
    await ok(
      'patch',
      'ro',
      'storefront-canary',
      '--subresource',
      'status',
      '--type',
      'merge',
      '-p',
      '{"status":{"phase":"Paused"},"spec":{"replicas":9}}',
    );
    expect(
      await ok('get', 'ro', 'storefront-canary', '-o', 'jsonpath={.status.phase} {.spec.replicas}'),
    ).toBe('Paused 4');
  });

  it('runs the imperative create commands (protobuf bodies on recent kubectl)', async () => {
    await ok('create', 'namespace', 'e2e-team');
    await ok('-n', 'e2e-team', 'create', 'configmap', 'settings', '--from-literal=mode=fast');
    await ok('-n', 'e2e-team', 'create', 'secret', 'generic', 'token', '--from-literal=key=s3cr3t');
    await ok('-n', 'e2e-team', 'create', 'deployment', 'api', '--image=nginx:1.25', '--replicas=2');
    await ok('-n', 'e2e-team', 'create', 'service', 'clusterip', 'api', '--tcp=80:8080');
    expect(
      await ok('-n', 'e2e-team', 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}'),
    ).toBe('fast');
    expect(
      Buffer.from(
        await ok('-n', 'e2e-team', 'get', 'secret', 'token', '-o', 'jsonpath={.data.key}'),
        'base64',
      ).toString(),
    ).toBe('s3cr3t');
    expect(
      await ok(
        '-n',
        'e2e-team',
        'get',
        'service',
        'api',
        '-o',
        'jsonpath={.spec.ports[0].port}:{.spec.ports[0].targetPort}',
      ),
    ).toBe('80:8080');
    await ok('-n', 'e2e-team', 'rollout', 'status', 'deployment/api', '--timeout=15s');
    expect(rowsOf(await ok('-n', 'e2e-team', 'get', 'deployment', 'api'))[1]?.slice(0, 4)).toEqual([
      'api',
      '2/2',
      '2',
      '2',
    ]);
  });

  it('deletes with cascading garbage collection', async () => {
    await ok('delete', 'rs', 'e2e-web');
    // A real cluster's garbage collector deletes the pods after the ReplicaSet, not with it.
    expect(
      await session.until(['pods', '-l', 'app=e2e-web'], '{.items[*].metadata.name}', ''),
    ).toBe('');
  });

  it('rejects an invalid Rollout with the server validation message', async () => {
    const bad = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'bad' },
      spec: { replicas: 'many' },
    };
    await writeFile(join(session.dir, 'bad.json'), JSON.stringify(bad));
    const r = await kubectl('create', '-f', join(session.dir, 'bad.json'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/spec\.replicas/);
  });
});
