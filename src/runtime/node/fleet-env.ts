import { present } from '../../http/auth/rotating-secrets.js';
import type { NodeEnv } from './read-node-env.js';

/** How many clusters `FLEET=<n> npm start` may start: each is a cluster, a relay and a controller. */
export const FLEET_MAX = 5;

/**
 * FLEET (issue 21 §7): how many local clusters `npm start` starts, or undefined without it.
 * `dev` is the rest of `npm start`'s settings as read: each member takes the next KUBE_PORT and
 * PORT, so the last must still be a port and the two ranges must not overlap (0: free ports).
 */
export function readFleetSize(
  env: NodeEnv,
  dev: { kubePort: number; port: number; devgithub: boolean; foreignKubeconfig: boolean },
  problems: string[],
): number | undefined {
  const raw = env.FLEET?.trim();
  if (!raw) return undefined;
  const size = Number(raw);
  if (!/^\d+$/.test(raw) || size < 1 || size > FLEET_MAX) {
    problems.push(`FLEET must be a whole number of clusters from 1 to ${FLEET_MAX}`);
    return undefined;
  }
  for (const [name, first] of [
    ['KUBE_PORT', dev.kubePort],
    ['PORT', dev.port],
  ] as const)
    if (first + size - 1 > 65535)
      problems.push(`FLEET=${size} needs ${name} to ${name}+${size - 1}: past port 65535`);
  const overlap =
    dev.kubePort !== 0 &&
    dev.port !== 0 &&
    dev.kubePort < dev.port + size &&
    dev.port < dev.kubePort + size;
  if (overlap)
    problems.push(
      `FLEET=${size}: KUBE_PORT…+${size - 1} and PORT…+${size - 1} overlap; move one of them`,
    );
  if (dev.foreignKubeconfig) problems.push('FLEET starts its own clusters: unset KUBECONFIG');
  // One push rolled out in waves is the release engine's (issue 21 §2), not built yet: a GitOps
  // source driving every member at once would be the opposite of a fleet release.
  if (present(env.GITOPS_CONFIG) || present(env.GITOPS_CONFIGMAP) || dev.devgithub)
    problems.push(
      'FLEET does not take GitOps yet (GITOPS_CONFIG, GITOPS_CONFIGMAP, DEVGITHUB=on): releases across the fleet come with issue 21',
    );
  return size;
}

/** One member of the local fleet: its context name and the ports it asks for (0: a free one). */
export interface FleetMember {
  name: string;
  kubePort: number;
  port: number;
}

/** `fleet-1` … `fleet-n` on consecutive ports from KUBE_PORT and PORT (all free ports when 0). */
export function planFleet(size: number, first: { kubePort: number; port: number }): FleetMember[] {
  const next = (port: number, i: number) => (port === 0 ? 0 : port + i);
  return Array.from({ length: size }, (_, i) => ({
    name: `fleet-${i + 1}`,
    kubePort: next(first.kubePort, i),
    port: next(first.port, i),
  }));
}
