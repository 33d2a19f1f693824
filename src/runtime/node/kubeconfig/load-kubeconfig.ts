import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import {
  buildInClusterTarget,
  IN_CLUSTER_PATHS,
  type InClusterPaths,
  isInCluster,
} from './in-cluster.js';
import { mergeKubeconfigs } from './merge-kubeconfigs.js';
import { parseKubeconfig, type KubeconfigFile } from './parse-kubeconfig.js';
import { resolveKubeconfig } from './resolve-kubeconfig.js';
import { KubeconfigError, type KubeTarget, type Material } from './types.js';

/** What the loader reads; the defaults are this process's. Tests point it at temporary files. */
export interface KubeconfigEnvironment {
  env: Record<string, string | undefined>;
  homeDir: string;
  inCluster: InClusterPaths;
  readFile(path: string): string;
  exists(path: string): boolean;
}

export function nodeKubeconfigEnvironment(): KubeconfigEnvironment {
  return {
    env: process.env,
    homeDir: homedir(),
    inCluster: IN_CLUSTER_PATHS,
    readFile: (p) => readFileSync(p, 'utf8'),
    exists: existsSync,
  };
}

/** A resolved target with its key material read. */
export interface LoadedKubeconfig {
  target: KubeTarget;
  /** The files merged, or `in-cluster`: for messages. */
  source: string;
  ca?: Buffer;
  clientCertificate?: Buffer;
  clientKey?: Buffer;
}

/**
 * Loads what kubectl would use. `path` (a `--kubeconfig` flag, or a KUBECONFIG value handed
 * over) names one file, which must exist, or a list joined by `:`; without it, KUBECONFIG's list,
 * else ~/.kube/config. Files of a list that do not exist are skipped, as kubectl does. With no
 * file at all, inside a pod, the service account. Throws a {@link KubeconfigError} listing every
 * problem.
 */
export function loadKubeconfig(
  path?: string,
  opts: { context?: string } = {},
  environment: KubeconfigEnvironment = nodeKubeconfigEnvironment(),
): LoadedKubeconfig {
  const { env } = environment;
  const named = namedFiles(path, environment);
  const read = readKubeconfigFiles(named, environment);
  if (read === undefined) {
    if (isInCluster(env) && opts.context === undefined) return loadInCluster(environment);
    throw noKubeconfig(named, environment);
  }
  const { files, paths } = read;
  const resolved = resolveKubeconfig(mergeKubeconfigs(files), opts);
  if ('problems' in resolved) throw new KubeconfigError(resolved.problems);
  return readMaterial(resolved.target, paths.join(delimiter), environment);
}

/**
 * The context names of the kubeconfig `loadKubeconfig` would read (merged as kubectl merges), in
 * the order the files give them: `rollouts freeze --fleet` reaches each. None in a pod without one.
 */
export function listKubeconfigContexts(
  path?: string,
  environment: KubeconfigEnvironment = nodeKubeconfigEnvironment(),
): string[] {
  const named = namedFiles(path, environment);
  const read = readKubeconfigFiles(named, environment);
  if (read === undefined) throw noKubeconfig(named, environment);
  return [...mergeKubeconfigs(read.files).contexts.keys()];
}

/** The files `path` (or KUBECONFIG) lists, resolved; one file named outright must exist. */
function namedFiles(path: string | undefined, environment: KubeconfigEnvironment): string[] {
  const named = (path ?? environment.env.KUBECONFIG ?? '')
    .split(delimiter)
    .filter((p) => p !== '')
    .map((p) => resolve(p));
  if (path !== undefined && named.length === 1 && !environment.exists(named[0] ?? ''))
    throw new KubeconfigError([`kubeconfig ${path}: no such file`]);
  return named;
}

/** The named files that exist (or ~/.kube/config), parsed; undefined when there are none. */
function readKubeconfigFiles(
  named: readonly string[],
  environment: KubeconfigEnvironment,
): { files: KubeconfigFile[]; paths: string[] } | undefined {
  const home = join(environment.homeDir, '.kube', 'config');
  const exists = (p: string) => environment.exists(p);
  const paths = named.length > 0 ? named.filter(exists) : exists(home) ? [home] : [];
  if (paths.length === 0) return undefined;
  const problems: string[] = [];
  const files: KubeconfigFile[] = paths.map((p) => {
    const parsed = parseKubeconfig(
      readOrProblem(environment, p, `kubeconfig ${p}`, problems) ?? '',
      p,
    );
    problems.push(...parsed.problems);
    return parsed.file;
  });
  if (problems.length > 0) throw new KubeconfigError(problems);
  return { files, paths };
}

function noKubeconfig(named: readonly string[], environment: KubeconfigEnvironment): Error {
  const home = join(environment.homeDir, '.kube', 'config');
  const looked = named.length > 0 ? named.join(', ') : `${home} (KUBECONFIG is not set)`;
  return new KubeconfigError([
    `no kubeconfig found: looked at ${looked}, and this is not a pod (KUBERNETES_SERVICE_HOST is not set)`,
  ]);
}

function loadInCluster(environment: KubeconfigEnvironment): LoadedKubeconfig {
  const { inCluster, exists } = environment;
  const namespace = exists(inCluster.namespace)
    ? environment.readFile(inCluster.namespace).trim()
    : undefined;
  return readMaterial(
    buildInClusterTarget(environment.env, inCluster, namespace),
    'in-cluster',
    environment,
  );
}

/** Reads the CA, client certificate and key files, and checks the token file can be read. */
function readMaterial(
  target: KubeTarget,
  source: string,
  environment: KubeconfigEnvironment,
): LoadedKubeconfig {
  const problems: string[] = [];
  const read = (m: Material | undefined): Buffer | undefined => {
    if (!m) return undefined;
    if ('data' in m) return m.data;
    const text = readOrProblem(environment, m.file, m.field, problems);
    return text === undefined ? undefined : Buffer.from(text);
  };
  const loaded: LoadedKubeconfig = { target, source };
  const ca = read(target.ca);
  const clientCertificate = read(target.clientCertificate);
  const clientKey = read(target.clientKey);
  if (target.tokenFile !== undefined)
    readOrProblem(environment, target.tokenFile, `tokenFile ${target.tokenFile}`, problems);
  if (problems.length > 0) throw new KubeconfigError(problems);
  return {
    ...loaded,
    ...(ca ? { ca } : {}),
    ...(clientCertificate ? { clientCertificate } : {}),
    ...(clientKey ? { clientKey } : {}),
  };
}

function readOrProblem(
  environment: KubeconfigEnvironment,
  file: string,
  where: string,
  problems: string[],
): string | undefined {
  try {
    return environment.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problems.push(`${where}: cannot read ${file}${code ? ` (${code})` : ''}`);
    return undefined;
  }
}
