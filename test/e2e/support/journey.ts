import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { ClusterBed } from '../../support/backends.js';
import { REPO_ROOT } from '../../support/controller-process.js';
import type { KubectlResult } from '../../support/kubectl-session.js';

export const FIXTURES = join(REPO_ROOT, 'test/fixtures/manifests');
export const EXAMPLES = join(REPO_ROOT, 'examples');

/** Long enough for a journey on the real backend (pods Ready, several reconciles). */
export const JOURNEY_TIMEOUT_MS = 90_000;

/** A new pod template image for the Rollout's first container: the update a journey starts from. */
/**
 * A JSON patch of the container image, then a wait until the controller has observed that
 * generation: until then the status still shows the old revision's phase (e.g. Healthy).
 */
export async function setImage(bed: ClusterBed, rollout: string, image: string): Promise<string> {
  const op = [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: image }];
  const out = await bed.ok('patch', 'rollout', rollout, '--type=json', '-p', JSON.stringify(op));
  const generation = await bed.ok(
    'get',
    'rollout',
    rollout,
    '-o',
    'jsonpath={.metadata.generation}',
  );
  await bed.until(['rollout', rollout], '{.status.observedGeneration}', generation.trim());
  return out;
}

/**
 * A merge patch of the Rollout's status, as the upstream plugin writes promote
 * (`{pauseConditions: null}`) and abort (`{abort: true}`).
 */
export function patchStatus(bed: ClusterBed, rollout: string, status: object): Promise<string> {
  const patch = JSON.stringify({ status });
  return bed.ok('patch', 'rollout', rollout, '--subresource=status', '--type=merge', '-p', patch);
}

/** `<image>=<field>` per ReplicaSet of the selector (`field` a jsonpath inside `{}`). */
async function imagesTo(bed: ClusterBed, selector: string, field: string): Promise<string[]> {
  const image = '{.spec.template.spec.containers[0].image}';
  const jsonpath = `jsonpath={range .items[*]}${image}=${field} {end}`;
  const out = await bed.ok('get', 'rs', '-l', selector, '-o', jsonpath);
  return out.trim().split(/\s+/).filter(Boolean);
}

/** `image=spec.replicas/readyReplicas` per ReplicaSet of the selector, sorted: what a step leaves. */
export async function replicaSetsOf(bed: ClusterBed, selector: string): Promise<string[]> {
  const rows = await imagesTo(bed, selector, '{.spec.replicas}/{.status.readyReplicas}');
  // A real server omits `readyReplicas: 0`.
  return rows.map((s) => (s.endsWith('/') ? `${s}0` : s)).sort();
}

/** Polls `replicaSetsOf` until it equals `want`; returns the last answer. */
export async function replicaSetsUntil(
  bed: ClusterBed,
  selector: string,
  want: string[],
  timeoutMs = 60_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    last = await replicaSetsOf(bed, selector);
    if (JSON.stringify(last) === JSON.stringify([...want].sort())) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  return last;
}

/** The pod-template hash label of the ReplicaSet running `image`. */
export async function hashOf(bed: ClusterBed, selector: string, image: string): Promise<string> {
  const rows = await imagesTo(bed, selector, '{.metadata.labels.rollouts-pod-template-hash}');
  const hit = rows.find((s) => s.startsWith(`${image}=`));
  if (!hit) throw new Error(`no ReplicaSet of ${selector} runs ${image}: ${rows.join(' ')}`);
  return hit.slice(image.length + 1);
}

/** Our CLI (`rollouts …`) as a user runs it, on the bed's kubeconfig. */
export function rollouts(bed: ClusterBed, ...args: string[]): Promise<KubectlResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'functions/cli.ts'), ...args],
      { cwd: REPO_ROOT, env: { ...bed.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        done({
          stdout,
          stderr,
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
        }),
    );
  });
}

/** A Rollout of one `web` container labelled `app.kubernetes.io/name: <name>`. */
export function aRollout(opts: {
  name: string;
  replicas?: number;
  image?: string;
  strategy: object;
}): object {
  const labels = { 'app.kubernetes.io/name': opts.name };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: opts.name },
    spec: {
      replicas: opts.replicas ?? 4,
      revisionHistoryLimit: 3,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'web',
              image: opts.image ?? 'nginx:1.25',
              ports: [{ name: 'http', containerPort: 80 }],
            },
          ],
        },
      },
      strategy: opts.strategy,
    },
  };
}

/** A Service selecting the pods of Rollout `app` (the controller adds the pod-template hash). */
export function aService(name: string, app: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: {
      selector: { 'app.kubernetes.io/name': app },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  };
}

export const selectorOf = (app: string) => `app.kubernetes.io/name=${app}`;

/** The Service's `rollouts-pod-template-hash` selector (empty when it has none). */
export const serviceHashPath = '{.spec.selector.rollouts-pod-template-hash}';

/** `manager/operation/subresource` of every managedFields entry of what `get` selects. */
export async function managersOf(bed: ClusterBed, ...get: string[]): Promise<string[]> {
  const out = await bed.ok(
    'get',
    ...get,
    '-o',
    'jsonpath={range ..managedFields[*]}{.manager}/{.operation}/{.subresource}{"\\n"}{end}',
  );
  return out.split('\n').filter(Boolean);
}
