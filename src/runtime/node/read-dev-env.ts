import { resolve } from 'node:path';
import { present } from '../../http/auth/rotating-secrets.js';
import { type LocalFleetReleases, readFleetSize, readLocalFleetReleases } from './fleet-env.js';
import { checkGitOpsEnv } from './load-gitops.js';
import { type NodeEnv, type NodeSettings, readNodeEnv, readPort } from './read-node-env.js';

/** Which Kubernetes API `npm start` drives. */
export type DevClusterChoice =
  | { kind: 'devcluster' }
  /** CLUSTER=real: etcd, kube-apiserver… and kwok from functions/real-cluster; CRDS picks the CRDs. */
  | { kind: 'real'; crds: string }
  /** KUBECONFIG names a cluster other than our own devcluster's. */
  | { kind: 'kubeconfig'; path: string };

/** `npm start`'s environment: the controller's (read-node-env.ts) and the local stack's. */
export interface DevSettings {
  node: NodeSettings;
  cluster: DevClusterChoice;
  kubePort: number;
  podReadySeconds: number;
  /** CONTROLLER=off leaves reconciling to another runtime (`wrangler dev` fed by the relay). */
  controller: boolean;
  /** DEVGITHUB=on: the GitHub emulator's port (DEVGITHUB_PORT). */
  devgithubPort?: number;
  /** FLEET=<n>: n local clusters, each with its controller, one kubeconfig (fleet-stack.ts). */
  fleetSize?: number;
  /** With FLEET: how the demo source's releases go (FLEET_SOAK, FLEET_POLL, FLEET_CONFIG). */
  fleetReleases?: LocalFleetReleases;
}

function readSwitch(env: NodeEnv, name: string, problems: string[]): boolean | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (raw === 'on' || raw === 'off') return raw === 'on';
  problems.push(`${name} must be "on" or "off"`);
  return undefined;
}

function readSeconds(env: NodeEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (Number.isFinite(n) && n >= 0) return n;
  problems.push(`${name} must be a non-negative number of seconds`);
  return fallback;
}

/**
 * `npm start`'s environment, every problem at once, before anything starts or is written.
 * `ownKubeconfig` is the file npm start writes: a shell still exporting it means "start the
 * devcluster again". `checkCrds` is the real-cluster launcher's own check of CRDS.
 */
export function readDevEnv(
  env: NodeEnv,
  ownKubeconfig: string,
  checkCrds: (raw: string | undefined) => unknown,
): { settings: DevSettings; problems: string[] } {
  const { settings: node, problems } = readNodeEnv(env, { host: '127.0.0.1', port: 8080 });
  problems.push(...checkGitOpsEnv(node.gitopsEnv));
  const kubePort = readPort(env, 'KUBE_PORT', 6443, problems);
  const podReadySeconds = readSeconds(env, 'POD_READY_SECONDS', 1, problems);
  const controller = readSwitch(env, 'CONTROLLER', problems) ?? true;
  const devgithub = readSwitch(env, 'DEVGITHUB', problems) ?? false;
  const devgithubPort = readPort(env, 'DEVGITHUB_PORT', 9000, problems);
  if (devgithub && (present(env.GITOPS_CONFIG) || present(env.GITOPS_CONFIGMAP)))
    problems.push(
      'DEVGITHUB=on starts its own GitOps demo: unset GITOPS_CONFIG / GITOPS_CONFIGMAP',
    );
  try {
    checkCrds(env.CRDS?.trim());
  } catch (e) {
    problems.push((e as Error).message);
  }
  const clusterName = env.CLUSTER?.trim();
  if (clusterName && clusterName !== 'real' && clusterName !== 'devcluster')
    problems.push('CLUSTER must be "real" or "devcluster" (the default)');
  const cluster: DevClusterChoice =
    node.kubeconfig && resolve(node.kubeconfig) !== ownKubeconfig
      ? { kind: 'kubeconfig', path: node.kubeconfig }
      : clusterName === 'real'
        ? { kind: 'real', crds: env.CRDS?.trim() ?? '' }
        : { kind: 'devcluster' };
  const fleetSize = readFleetSize(
    env,
    { kubePort, port: node.port, devgithub, foreignKubeconfig: cluster.kind === 'kubeconfig' },
    problems,
  );
  const fleetReleases =
    fleetSize !== undefined ? readLocalFleetReleases(env, fleetSize, problems) : undefined;
  if (fleetSize === undefined)
    for (const name of ['FLEET_CONFIG', 'FLEET_SOAK', 'FLEET_POLL'])
      if (present(env[name])) problems.push(`${name} is read only with FLEET=<n>`);
  return {
    settings: {
      node,
      cluster,
      kubePort,
      podReadySeconds,
      controller,
      ...(fleetReleases ? { fleetReleases } : {}),
      ...(devgithub ? { devgithubPort } : {}),
      ...(fleetSize ? { fleetSize } : {}),
    },
    problems,
  };
}
