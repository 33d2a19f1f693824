/**
 * GitOps figures for `npm run bench` (issue 7): a signed push that changes a Rollout's image, from
 * the push until the canary ReplicaSet exists and until the Rollout pauses at its first pause step,
 * through the real path: GitHub emulator → webhook → Node server → sync (SSA) → reconcile.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { startGitHubDemo, DEMO_REPO } from '../src/runtime/node/index.js';
import { connectWithKubeconfig } from '../functions/node-kube.js';
import { startNodeServer } from '../src/runtime/node/index.js';
import { kubeconfigFor, startDevCluster } from '../src/devcluster/index.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const root = resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

export async function benchGitOps(rounds = 10): Promise<Array<[string, string]>> {
  const cluster = await startDevCluster({ podReadySeconds: 0 });
  const crdDef = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  const crdDir = join(root, 'manifests/crds');
  for (const f of readdirSync(crdDir).filter(
    (x) => x.endsWith('.yaml') && x !== 'kustomization.yaml',
  )) {
    for (const d of parseAllDocuments(readFileSync(join(crdDir, f), 'utf8')))
      cluster.api.create(crdDef, undefined, d.toJS());
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-gitops-'));
  writeFileSync(join(dir, 'kubeconfig'), kubeconfigFor(cluster.url));
  const port = await freePort();
  const demo = await startGitHubDemo({
    port: 0,
    controllerUrl: `http://127.0.0.1:${port}`,
    log: () => undefined,
  });
  const server = await startNodeServer({
    port,
    kube: connectWithKubeconfig(join(dir, 'kubeconfig')),
    gitops: demo.settings,
    log: () => undefined,
  });
  const roDef = cluster.api.resource('argoproj.io', 'v1alpha1', 'rollouts');
  const rsDef = cluster.api.resource('apps', 'v1', 'replicasets');
  const rollout = readFileSync(join(root, 'examples/gitops/rollout.yaml'), 'utf8');
  const service = readFileSync(join(root, 'examples/gitops/service.yaml'), 'utf8');
  const files = (image: string) => ({
    'deploy/rollout.yaml': rollout.replace('nginx:1.25', image),
    'deploy/service.yaml': service,
  });
  const phase = () => {
    try {
      return (
        cluster.api.get(roDef, 'default', 'shop') as {
          status?: { phase?: string; currentStepIndex?: number };
        }
      ).status;
    } catch {
      return undefined; // not applied yet
    }
  };
  const rsWithImage = (image: string) =>
    (
      cluster.api.list(rsDef, 'default').items as Array<{
        spec?: { template?: { spec?: { containers?: Array<{ image?: string }> } } };
      }>
    ).find((rs) => rs.spec?.template?.spec?.containers?.[0]?.image === image);
  try {
    await demo.github.push(DEMO_REPO, 'main', { files: files('nginx:1.25'), message: 'v0' });
    await until('the first revision to be Healthy', () =>
      phase()?.phase === 'Healthy' ? true : undefined,
    );
    const toCanary: number[] = [];
    const toPause: number[] = [];
    for (let i = 1; i <= rounds; i++) {
      const image = `nginx:1.25.${i}`;
      const t = performance.now();
      await demo.github.push(DEMO_REPO, 'main', { files: files(image), message: `v${i}` });
      await until('the canary ReplicaSet', () => rsWithImage(image));
      toCanary.push(performance.now() - t);
      await until('the pause at step 1', () =>
        phase()?.phase === 'Paused' && phase()?.currentStepIndex === 1 ? true : undefined,
      );
      toPause.push(performance.now() - t);
      // Promote to the end so the next push starts from a stable revision.
      cluster.api.patch(roDef, 'default', 'shop', 'merge', {
        spec: { strategy: { canary: { steps: null } } },
      });
      await until('Healthy again', () => (phase()?.phase === 'Healthy' ? true : undefined));
      cluster.api.patch(roDef, 'default', 'shop', 'merge', {
        spec: {
          strategy: {
            canary: {
              steps: [
                { setWeight: 25 },
                { pause: {} },
                { setWeight: 75 },
                { pause: { duration: '5s' } },
              ],
            },
          },
        },
      });
    }
    return [
      [`push to canary ReplicaSet created, median of ${rounds} (ms)`, median(toCanary).toFixed(0)],
      [
        `push to Rollout paused at step 1 (25 %), median of ${rounds} (ms)`,
        median(toPause).toFixed(0),
      ],
    ];
  } finally {
    await server.close();
    await demo.github.close();
    await cluster.close();
  }
}
