import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { parseAllDocuments } from 'yaml';
import { connectWithKubeconfig } from '../../functions/node-kube.js';
import { startNodeServer, type NodeServer } from '../../src/runtime/node/index.js';
import { kubeconfigFor, startDevCluster, type DevCluster } from '../../src/devcluster/index.js';

/** Debian's Chromium; browsers are never downloaded (`apt-get install chromium` provides it). */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const root = resolve(import.meta.dirname, '../..');
/** Where the browser tests leave their screenshots. */
export const artifacts = join(root, 'test/browser/artifacts');

export interface DashboardBed {
  cluster: DevCluster;
  server: NodeServer;
  browser: Browser;
  /** `http://127.0.0.1:<port>` of the Node server. */
  base: string;
  close(): Promise<void>;
}

/**
 * What `npm start` runs, for a dashboard test: a devcluster with the CRDs named (files of
 * manifests/crds), the Node server with real timers and the API behind `token`, and headless
 * Chromium.
 */
export async function startDashboardBed(opts: {
  crds: readonly string[];
  token: string;
}): Promise<DashboardBed> {
  mkdirSync(artifacts, { recursive: true });
  const cluster = await startDevCluster({ podReadySeconds: 0 });
  const crdDef = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const f of opts.crds)
    for (const d of parseAllDocuments(readFileSync(join(root, 'manifests/crds', f), 'utf8')))
      cluster.api.create(crdDef, undefined, d.toJS());
  const file = join(mkdtempSync(join(tmpdir(), 'dash-')), 'kubeconfig');
  writeFileSync(file, kubeconfigFor(cluster.url));
  const server = await startNodeServer({
    port: 0,
    kube: connectWithKubeconfig(file),
    apiTokens: [opts.token],
    log: () => undefined,
  });
  const browser = await chromium
    .launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    .catch(async (e: unknown) => {
      await server.close();
      await cluster.close();
      throw e;
    });
  return {
    cluster,
    server,
    browser,
    base: `http://127.0.0.1:${server.port}`,
    async close() {
      await browser.close();
      await server.close();
      await cluster.close();
    },
  };
}
