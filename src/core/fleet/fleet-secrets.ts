import { parse as parseYaml } from 'yaml';
import { type GitSource, parseGitOpsConfigText } from '../gitops/config.js';
import type { FleetCluster, FleetConfig, SecretRef } from '../../domain/fleet.js';
import { secondsAt } from './config-fields.js';
import { parseFleetConfig } from './fleet-config.js';
import { findWaveProblems } from './wave-config.js';

/**
 * FLEET_CONFIG as both runtimes read it (issue 21 §1): the text parsed, then every secret it
 * names looked up in the environment (Node) or the bindings (Workers). One function, two callers:
 * the runtimes differ only in what they can do with the result (Workers refuse client
 * certificates and private CAs: worker-fleet.ts).
 */

/** The credentials of one cluster, looked up. */
export type ResolvedAuth =
  | { kind: 'token'; token: string }
  | { kind: 'clientCertificate'; certificate: string; key: string }
  | { kind: 'headers'; headers: Record<string, string> };

export interface ResolvedCluster {
  name: string;
  server: string;
  auth: ResolvedAuth;
  /** PEM. */
  caData?: string;
}

export interface FleetSettings {
  config: FleetConfig;
  clusters: ResolvedCluster[];
  /** FLEET_POLL: how often an unfinished release looks at its clusters again. */
  pollMs: number;
}

/** A variable's value as the environment holds it, or undefined. */
export type SecretLookup = (name: string) => string | undefined;

/** How often an unfinished release looks at its clusters when FLEET_POLL is unset. */
export const FLEET_POLL_DEFAULT_SECONDS = 10;

/**
 * FLEET_CONFIG and FLEET_POLL from the environment (Node) or the bindings (Workers), every problem
 * at once; each secret FLEET_CONFIG names is read through `lookup` too. Pure.
 */
export function readFleetSettings(lookup: SecretLookup): {
  fleet?: FleetSettings;
  problems: string[];
} {
  const text = lookup('FLEET_CONFIG')?.trim();
  const poll = lookup('FLEET_POLL')?.trim();
  if (!text) return { problems: poll ? ['FLEET_POLL is set without FLEET_CONFIG'] : [] };
  const problems: string[] = [];
  const pollSeconds = poll
    ? secondsAt(poll, 'FLEET_POLL', problems, true)
    : FLEET_POLL_DEFAULT_SECONDS;
  const read = readFleetConfig(text, lookup);
  problems.push(...read.problems);
  if (!read.fleet || pollSeconds === undefined) return { problems };
  return { fleet: { ...read.fleet, pollMs: pollSeconds * 1000 }, problems };
}

/** FLEET_CONFIG's text (YAML or JSON): the fleet with its secrets, or every problem. Pure. */
export function readFleetConfig(
  text: string,
  lookup: SecretLookup,
): { fleet?: Omit<FleetSettings, 'pollMs'>; problems: string[] } {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 0 });
  } catch (e) {
    const first = (e as Error).message.split('\n')[0] ?? '';
    return { problems: [`FLEET_CONFIG is not valid YAML or JSON: ${first}`] };
  }
  const parsed = parseFleetConfig(raw);
  if ('problems' in parsed) return { problems: parsed.problems.map((p) => `FLEET_CONFIG: ${p}`) };
  const problems: string[] = [];
  const clusters = parsed.fleet.clusters.flatMap((c) => resolveCluster(c, lookup, problems));
  return problems.length > 0
    ? { problems }
    : { fleet: { config: parsed.fleet, clusters }, problems };
}

function resolveCluster(
  c: FleetCluster,
  lookup: SecretLookup,
  problems: string[],
): ResolvedCluster[] {
  const before = problems.length;
  const at = `FLEET_CONFIG cluster "${c.name}"`;
  // Names the variable, never its value: the problems are printed and served by /readyz.
  const secret = (ref: SecretRef, field: string): string => {
    const value = lookup(ref.env);
    if (value !== undefined && value.trim() !== '') return pem(value.trim());
    problems.push(`${at}: ${field} names ${ref.env}, which is not set (or empty)`);
    return '';
  };
  const auth: ResolvedAuth =
    c.auth.kind === 'token'
      ? { kind: 'token', token: secret(c.auth.token, 'token') }
      : c.auth.kind === 'clientCertificate'
        ? {
            kind: 'clientCertificate',
            certificate: secret(c.auth.certificate, 'clientCertificate'),
            key: secret(c.auth.key, 'clientKey'),
          }
        : {
            kind: 'headers',
            headers: Object.fromEntries(
              Object.entries(c.auth.headers).map(([name, ref]) => [
                name,
                secret(ref, `headers.${name}`),
              ]),
            ),
          };
  const caData = c.caData && secret(c.caData, 'caData');
  if (problems.length > before) return [];
  return [{ name: c.name, server: c.server, auth, ...(caData ? { caData } : {}) }];
}

/** A PEM pasted into one line with `\n` escapes (as GITHUB_APP_PRIVATE_KEY may be) is unfolded. */
const pem = (value: string): string =>
  value.startsWith('-----BEGIN') ? value.replace(/\\n/g, '\n') : value;

/**
 * The fleet against the GitOps sources: a source with waves needs the fleet and names only its
 * clusters; a fleet without GitOps would never start a release. `sources` undefined: GitOps is
 * not configured.
 */
export function findFleetGitOpsProblems(
  fleet: FleetConfig | undefined,
  sources: readonly GitSource[] | undefined,
): string[] {
  if (fleet && !sources)
    return ['FLEET_CONFIG is set but GitOps is not (GITOPS_CONFIG): nothing would start a release'];
  return findWaveProblems(sources ?? [], fleet).map((p) =>
    fleet ? `GITOPS_CONFIG: ${p}` : `GITOPS_CONFIG: ${p} (set FLEET_CONFIG)`,
  );
}

/** GITOPS_CONFIG's sources; undefined when it is unset, empty when it does not parse (said elsewhere). */
export function gitOpsSourcesOf(text: string | undefined): readonly GitSource[] | undefined {
  if (!text?.trim()) return undefined;
  const parsed = parseGitOpsConfigText(text);
  return 'config' in parsed ? parsed.config.sources : [];
}
