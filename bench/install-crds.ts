import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { DevCluster } from '../src/devcluster/index.js';

/** Installs manifests/crds into a devcluster and lets it register them. */
export async function installCrds(cluster: DevCluster): Promise<void> {
  const crdDef = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  const dir = resolve(import.meta.dirname, '../manifests/crds');
  for (const f of readdirSync(dir).filter(
    (x) => x.endsWith('.yaml') && x !== 'kustomization.yaml',
  )) {
    for (const d of parseAllDocuments(readFileSync(join(dir, f), 'utf8')))
      cluster.api.create(crdDef, undefined, d.toJS());
  }
  await new Promise((r) => setTimeout(r, 20));
}
