import { parse as parseYaml } from 'yaml';
import { objectAt, secondsAt } from '../../core/fleet/config-fields.js';
import { parseFreezes, parseWindows } from '../../core/fleet/window-config.js';
import type { WindowConfig } from '../../domain/fleet.js';
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
  // The local fleet's releases come from the GitHub emulator's demo source (DEVGITHUB=on); a
  // source of one's own would name clusters the local fleet does not have.
  if (present(env.GITOPS_CONFIG) || present(env.GITOPS_CONFIGMAP))
    problems.push(
      'FLEET takes its GitOps source from DEVGITHUB=on (the demo goes out to fleet-1, fleet-2, … in waves): unset GITOPS_CONFIG / GITOPS_CONFIGMAP',
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

/** How the local fleet's demo releases go: each wave's soak, and the windows and freezes. */
export interface LocalFleetReleases {
  /** FLEET_SOAK (a Go duration, default 30s): how long each wave but the last stays Healthy first. */
  soakSeconds: number;
  /** FLEET_CONFIG's `windows` and `freezes` (YAML or JSON), naming clusters fleet-1 … fleet-n. */
  gates: WindowConfig;
  /** FLEET_POLL (default 2s): how often an unfinished release looks at its clusters. */
  pollMs: number;
}

const LOCAL_FLEET_KEYS = ['windows', 'freezes'];

/** FLEET_SOAK, FLEET_POLL and FLEET_CONFIG for `FLEET=<n> DEVGITHUB=on npm start`. */
export function readLocalFleetReleases(
  env: NodeEnv,
  size: number,
  problems: string[],
): LocalFleetReleases {
  const soak = env.FLEET_SOAK?.trim();
  const soakSeconds = soak ? (secondsAt(soak, 'FLEET_SOAK', problems, false) ?? 30) : 30;
  const poll = env.FLEET_POLL?.trim();
  const pollSeconds = poll ? (secondsAt(poll, 'FLEET_POLL', problems, true) ?? 2) : 2;
  const text = env.FLEET_CONFIG?.trim();
  if (!text)
    return { soakSeconds, pollMs: pollSeconds * 1000, gates: { windows: [], freezes: [] } };
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 0 });
  } catch (e) {
    problems.push(`FLEET_CONFIG is not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
    return { soakSeconds, pollMs: pollSeconds * 1000, gates: { windows: [], freezes: [] } };
  }
  const at = 'FLEET_CONFIG';
  const top = objectAt(raw, at, LOCAL_FLEET_KEYS, problems) ?? {};
  const names = new Set(planFleet(size, { kubePort: 0, port: 0 }).map((m) => m.name));
  return {
    soakSeconds,
    pollMs: pollSeconds * 1000,
    gates: {
      windows: parseWindows(top.windows, `${at}.windows`, names, problems),
      freezes: parseFreezes(top.freezes, `${at}.freezes`, names, problems),
    },
  };
}
