import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { promisify } from 'node:util';
import { ANNOTATIONS } from '../../src/domain/keys.js';
import type { KubeConnection } from '../node-kube.js';

const run = promisify(execFile);

export type CrdSource = 'ours' | 'upstream';

/** Read CRDS: unset or `ours` → manifests/crds; `upstream` → Argo Rollouts' own CRDs. */
export function parseCrdSource(raw: string | undefined): CrdSource {
  if (raw === undefined || raw === '' || raw === 'ours') return 'ours';
  if (raw === 'upstream') return 'upstream';
  throw new Error(`CRDS must be "ours" or "upstream", got ${JSON.stringify(raw)}`);
}

/**
 * Argo Rollouts' own CRDs are read from the published module in the Go module cache (downloaded
 * through the module proxy when missing), never copied into this repository. The same release
 * tools/upstream builds the oracle from.
 */
export const UPSTREAM_MODULE = 'github.com/argoproj/argo-rollouts@v1.10.2';

/** The folder of upstream's CRD manifests: `go mod download` prints where the module lives. */
export async function upstreamCrdDir(): Promise<string> {
  try {
    // That release asks for Go 1.26.10+; the toolchain tools/upstream builds with (from the module proxy).
    const env = { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN_UPSTREAM ?? 'go1.27.3' };
    const { stdout } = await run('go', ['mod', 'download', '-json', UPSTREAM_MODULE], {
      env,
      cwd: tmpdir(),
      maxBuffer: 1 << 20,
    });
    const answer = JSON.parse(stdout) as { Dir?: string; Error?: string };
    if (!answer.Dir) throw new Error(answer.Error ?? 'go mod download printed no Dir');
    const dir = answer.Dir;
    return join(dir, 'manifests', 'crds');
  } catch (e) {
    throw new Error(
      `CRDS=upstream reads Argo Rollouts' CRDs from the Go module ${UPSTREAM_MODULE}, which could not be downloaded: ${(e as Error).message}`,
    );
  }
}

/**
 * The Rollout CRDs (ours, or upstream's from the module cache), plus the permissive mesh CRDs
 * (Istio, SMI, Gateway API) the traffic examples need, as on the devcluster.
 */
export async function crdDirs(root: string, source: CrdSource): Promise<string[]> {
  const rollouts = source === 'upstream' ? await upstreamCrdDir() : join(root, 'manifests', 'crds');
  return [rollouts, join(root, 'manifests', 'devcluster')];
}

/** kubectl refuses annotations past 256 KiB; upstream's CRDs are larger. */
const LAST_APPLIED_LIMIT = 256 * 1024;
const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/**
 * Creates every CRD in `dirs` and returns their names. Each carries the annotation `kubectl apply`
 * would write (as on the devcluster), so a later `kubectl apply -k manifests/` updates ours
 * quietly; the upstream ones are too large for it.
 */
export async function installCrds(kube: KubeConnection, dirs: string[]): Promise<string[]> {
  const names: string[] = [];
  for (const dir of dirs) {
    const files = (await readdir(dir))
      .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
      .sort();
    for (const file of files) {
      for (const doc of parseAllDocuments(await readFile(join(dir, file), 'utf8'))) {
        const crd = doc.toJS() as {
          kind?: string;
          metadata?: { name?: string; annotations?: Record<string, string> };
          spec?: { group?: string };
        } | null;
        if (crd?.kind !== 'CustomResourceDefinition' || !crd.metadata?.name) continue;
        const applied = JSON.stringify(crd);
        if (applied.length < LAST_APPLIED_LIMIT) {
          crd.metadata.annotations = {
            ...crd.metadata.annotations,
            [ANNOTATIONS.lastApplied]: applied,
          };
        }
        const res = await kube.fetch(`${CRD_PATH}?fieldManager=kubectl-client-side-apply`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(crd),
        });
        const text = await res.text();
        if (!res.ok)
          throw new Error(
            `installing CRD ${crd.metadata.name} from ${file}: HTTP ${res.status} ${text.slice(0, 500)}`,
          );
        names.push(crd.metadata.name);
      }
    }
  }
  return names;
}
