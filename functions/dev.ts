/**
 * `npm start`: the whole stack on one machine. Without KUBECONFIG it starts the devcluster
 * (embedded Kubernetes API + workload simulator) on KUBE_PORT, installs the CRDs from
 * manifests/crds, writes .rollouts/kubeconfig, then starts the controller's Node server on PORT.
 * With KUBECONFIG set it drives that cluster instead. GitOps comes from the same variables as
 * functions/node.ts (GITOPS_CONFIG…), or DEVGITHUB=on starts the GitHub emulator as a demo
 * (functions/dev-github-demo.ts) on DEVGITHUB_PORT.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kubeconfigFor, startDevCluster, type DevCluster } from '../src/devcluster/index.js';
import { writePrivateFile } from './private-file.js';
import { connectWithKubeconfig, type KubeConnection, waitForKubeApi } from './node-kube.js';
import { startGitHubDemo, DEMO_REPO, type GitHubDemo } from './dev-github-demo.js';
import { gitOpsFromEnv, startNodeServer } from './node.js';
import { parseProviderSettings } from '../src/providers/metrics/settings.js';
import { parseCrdSource, startRealCluster, type RealCluster } from './real-cluster/index.js';

const root = resolve(import.meta.dirname, '..');

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(raw)}`);
  return n;
}

/** Our CRDs, plus the mesh CRDs (Istio, SMI) the traffic-routing examples need on a devcluster. */
const CRD_DIRS = [join(root, 'manifests', 'crds'), join(root, 'manifests', 'devcluster')];

async function installCrds(cluster: DevCluster): Promise<string[]> {
  const def = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  const names: string[] = [];
  for (const dir of CRD_DIRS)
    for (const file of (await readdir(dir))
      .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
      .sort()) {
      for (const doc of parseAllDocuments(await readFile(join(dir, file), 'utf8'))) {
        const crd = doc.toJS() as {
          metadata?: { name?: string; annotations?: Record<string, string> };
        } | null;
        if (!crd?.metadata?.name) continue;
        // Recorded as `kubectl apply` would, so a later `kubectl apply -k manifests/` updates them quietly.
        const applied = JSON.stringify(crd);
        crd.metadata.annotations = {
          ...crd.metadata.annotations,
          'kubectl.kubernetes.io/last-applied-configuration': applied,
        };
        cluster.api.create(def, undefined, crd);
        names.push(crd.metadata.name);
      }
    }
  return names;
}

async function main(): Promise<void> {
  const port = intEnv('PORT', 8080);
  const ownKubeconfig = join(root, '.rollouts', 'kubeconfig');
  // A shell still exporting our own devcluster kubeconfig means "start the devcluster again".
  const kubeconfigEnv =
    process.env.KUBECONFIG && resolve(process.env.KUBECONFIG) !== ownKubeconfig
      ? process.env.KUBECONFIG
      : undefined;
  let cluster: DevCluster | undefined;
  let real: RealCluster | undefined; // CLUSTER=real: etcd + kube-apiserver + … + kwok (functions/real-cluster/)
  let kube: KubeConnection;
  let kubeconfigPath: string;
  if (kubeconfigEnv) {
    kubeconfigPath = kubeconfigEnv;
    kube = connectWithKubeconfig(kubeconfigEnv);
    console.log(`Using the cluster in KUBECONFIG (${kube.context} → ${kube.server}).`);
    const crds = await waitForKubeApi(kube, { log: (line) => console.error(line) });
    if (crds === 404)
      console.log('The Rollout CRDs are not installed there yet: kubectl apply -k manifests/');
  } else if (process.env.CLUSTER === 'real') {
    kubeconfigPath = ownKubeconfig;
    real = await startRealCluster({
      kubePort: intEnv('KUBE_PORT', 6443),
      podReadySeconds: intEnv('POD_READY_SECONDS', 1),
      crds: parseCrdSource(process.env.CRDS),
      kubeconfigPath,
      log: (line) => console.error(line),
    });
    kube = connectWithKubeconfig(kubeconfigPath);
    console.log(
      `real-cluster: Kubernetes API on ${real.url} (${real.crds.length} CRDs installed, ${real.nodes.length} kwok nodes)`,
    );
  } else {
    cluster = await startDevCluster({
      host: '127.0.0.1',
      port: intEnv('KUBE_PORT', 6443),
      podReadySeconds: intEnv('POD_READY_SECONDS', 1),
      log: (line) => console.error(line),
    });
    const crds = await installCrds(cluster);
    kubeconfigPath = ownKubeconfig;
    await mkdir(join(root, '.rollouts'), { recursive: true });
    await writeFile(kubeconfigPath, kubeconfigFor(cluster.url));
    kube = connectWithKubeconfig(kubeconfigPath);
    console.log(`devcluster: Kubernetes API on ${cluster.url} (${crds.length} CRDs installed)`);
  }
  // CONTROLLER=off leaves reconciling to another runtime, e.g. `wrangler dev` fed by the relay.
  let demo: GitHubDemo | undefined;
  const gitops = await gitOpsFromEnv(process.env, kube);
  if (gitops.problems.length > 0)
    throw new Error(`GitOps configuration: ${gitops.problems.join('; ')}`);
  const providers = parseProviderSettings(process.env);
  if (providers.problems.length > 0)
    throw new Error(`analysis settings: ${providers.problems.join('; ')}`);
  if (process.env.DEVGITHUB === 'on') {
    if (gitops.settings)
      throw new Error(
        'DEVGITHUB=on starts its own GitOps demo: unset GITOPS_CONFIG / GITOPS_CONFIGMAP',
      );
    demo = await startGitHubDemo({
      port: intEnv('DEVGITHUB_PORT', 9000),
      controllerUrl: `http://127.0.0.1:${port}`,
      log: (line) => console.error(line),
    });
    console.log(
      `devgithub: GitHub REST API on ${demo.github.url}, repository ${DEMO_REPO} (alice: maintain, mallory: read), webhook → :${port}/hooks/github`,
    );
  }
  const gitopsSettings = demo?.settings ?? gitops.settings;
  // The API (dashboard, curl) is never open: API_TOKEN, or a fresh one in .rollouts/api-token.
  const apiToken = process.env.API_TOKEN?.trim() || randomBytes(18).toString('base64url');
  await mkdir(join(root, '.rollouts'), { recursive: true });
  await writePrivateFile(join(root, '.rollouts', 'api-token'), `${apiToken}\n`);
  const server =
    process.env.CONTROLLER === 'off'
      ? undefined
      : await startNodeServer({
          port,
          kube,
          apiTokens: [apiToken],
          providerSettings: providers.settings,
          ...(gitopsSettings ? { gitops: gitopsSettings } : {}),
        });
  if (server) {
    console.log(
      `controller: http://127.0.0.1:${server.port} (/healthz, /readyz, /metrics, /api/v1${gitopsSettings ? ', /hooks/github' : ''})`,
    );
    console.log(
      `  dashboard: http://127.0.0.1:${server.port}/ (sign in with the token in .rollouts/api-token)`,
    );
    console.log(
      `  API token in .rollouts/api-token: curl -H "Authorization: Bearer $(cat .rollouts/api-token)" 127.0.0.1:${server.port}/api/v1/rollouts/_all/info`,
    );
  } else
    console.log(
      'controller: off (CONTROLLER=off) — run the Worker with `npx wrangler dev` and the relay (see README)',
    );
  console.log('');
  if (cluster || real) {
    console.log('Next, in another terminal:');
    console.log(
      '  export KUBECONFIG=$PWD/.rollouts/kubeconfig   # or pass --kubeconfig .rollouts/kubeconfig',
    );
    console.log('  kubectl apply -f test/fixtures/manifests/rollout-canary.yaml');
    console.log('  kubectl get rollouts,services');
    console.log(
      '  kubectl create deployment web --image=nginx:1.25 --replicas=3 && kubectl get pods -w',
    );
  }
  if (demo) {
    const gh = `npx tsx functions/devgithub.ts`;
    const url = demo.github.url === 'http://127.0.0.1:9000' ? '' : ` --url ${demo.github.url}`;
    console.log('GitOps demo:');
    console.log(`  ${gh} push examples/gitops --to deploy${url}      # applies the Rollout`);
    console.log(
      `  ${gh} statuses main${url}                        # deployments and commit statuses`,
    );
  }
  console.log('Ctrl-C stops everything.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down`);
    Promise.all([
      Promise.resolve(server?.close()).then(() => real?.close()),
      cluster?.close(),
      demo?.github.close(),
    ])
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        console.error(e);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  const hint =
    err.code === 'EADDRINUSE'
      ? ' (is another `npm start` running? choose other ports with KUBE_PORT and PORT)'
      : '';
  console.error(`npm start failed: ${err.message}${hint}`);
  process.exit(1);
});
