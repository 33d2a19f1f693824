import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crdDirs, installCrds, startRealCluster } from '../../functions/real-cluster/index.js';
import { kubeconfigFor, startDevCluster } from '../../src/devcluster/index.js';
import { connectWithKubeconfig, type KubeConnection } from '../../src/runtime/node/index.js';
import type { Backend } from './backends.js';
import { REPO_ROOT } from './controller-process.js';
import { testClusterOptions } from './real-cluster-bed.js';

/**
 * A cluster whose watch history a test can cut short, on either backend (issue 16, deliverable 5:
 * a real 410 on watch). The real API server serves most watches from its watch cache, which etcd's
 * compaction does not reach (the cache's window moves on by time and churn, minutes on an idle
 * cluster; its own 410 is pinned from a resourceVersion older than the cache instead), so this
 * bed turns the cache off for ConfigMaps alone: their watches go to etcd, as on a server started
 * with `--watch-cache=false`, and etcd's compaction expires them at once.
 */
export interface CompactingBed {
  readonly backend: Backend;
  /** The admin's connection (client certificate on the real backend). */
  readonly kube: KubeConnection;
  /**
   * Drops every resourceVersion written so far from the watch history: etcd's own compaction
   * (`/v3/kv/compaction`, physical) on the real backend; on the devcluster, writes past its watch
   * window, which is how it compacts.
   */
  compact(): Promise<void>;
  close(): Promise<void>;
}

/** The collection whose watches both backends serve from the compactable history. */
export const COMPACTABLE = '/api/v1/configmaps';

/** The devcluster's watch window here: small, so a compaction costs a few writes. */
const DEVCLUSTER_WINDOW = 100;

export async function startCompactingBed(backend: Backend, prefix: string): Promise<CompactingBed> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const kubeconfigPath = join(dir, 'kubeconfig');
  try {
    if (backend === 'real') {
      const cluster = await startRealCluster(
        testClusterOptions(dir, { apiServerArgs: ['--watch-cache-sizes=configmaps#0'] }),
      );
      return {
        backend,
        kube: cluster.kube,
        compact: () => compactEtcd(cluster.etcdUrl),
        async close() {
          await cluster.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    const cluster = await startDevCluster({ simulate: false, watchWindow: DEVCLUSTER_WINDOW });
    await writeFile(kubeconfigPath, kubeconfigFor(cluster.url));
    const kube = connectWithKubeconfig(kubeconfigPath);
    // The real launcher installs the CRDs itself; the devcluster gets the same ones the same way.
    await installCrds(kube, await crdDirs(REPO_ROOT, 'ours'));
    return {
      backend,
      kube,
      compact: () => churnPastWindow(kube),
      async close() {
        await cluster.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

/** etcd's v3 JSON gateway: the current revision, then a physical compaction up to it. */
async function compactEtcd(etcdUrl: string): Promise<void> {
  const status = await etcdCall<{ header: { revision: string } }>(
    etcdUrl,
    '/v3/maintenance/status',
    {},
  );
  // physical: the answer comes once the old revisions are gone, so a watch right after expires.
  await etcdCall(etcdUrl, '/v3/kv/compaction', {
    revision: status.header.revision,
    physical: true,
  });
}

async function etcdCall<T>(etcdUrl: string, path: string, body: object): Promise<T> {
  const res = await fetch(`${etcdUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`etcd ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** One ConfigMap patched past the window: every older event leaves the devcluster's log. */
async function churnPastWindow(kube: KubeConnection): Promise<void> {
  const path = '/api/v1/namespaces/default/configmaps';
  const send = async (method: string, url: string, body: object, type: string) => {
    const res = await kube.fetch(url, {
      method,
      headers: { 'content-type': type },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok && res.status !== 409) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  };
  await send('POST', path, { metadata: { name: 'churn' } }, 'application/json');
  for (let i = 0; i <= DEVCLUSTER_WINDOW; i++)
    await send(
      'PATCH',
      `${path}/churn`,
      { data: { n: String(i) } },
      'application/merge-patch+json',
    );
}
