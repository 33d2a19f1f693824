import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { DevCluster } from '../../devcluster/index.js';
import { ANNOTATIONS } from '../../domain/keys.js';

/** Our CRDs, plus the mesh CRDs (Istio, SMI, Gateway API) the traffic-routing examples need. */
const CRD_DIRS = [join('manifests', 'crds'), join('manifests', 'devcluster')];

/** Installs the CRDs under `root`/manifests into a fresh devcluster; returns their names. */
export async function installDevCrds(cluster: DevCluster, root: string): Promise<string[]> {
  const def = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  const names: string[] = [];
  for (const dir of CRD_DIRS.map((d) => join(root, d)))
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
          [ANNOTATIONS.lastApplied]: applied,
        };
        cluster.api.create(def, undefined, crd);
        names.push(crd.metadata.name);
      }
    }
  return names;
}
