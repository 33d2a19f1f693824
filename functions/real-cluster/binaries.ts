import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** The repository root (functions/real-cluster/ → ../..). */
export const repoRoot = resolve(import.meta.dirname, '..', '..');

/** Where tools/real-cluster/build.sh puts the pinned control plane (git-ignored). */
export const binDir = process.env.ROLLOUTS_BIN_DIR
  ? resolve(process.env.ROLLOUTS_BIN_DIR)
  : join(repoRoot, '.rollouts', 'bin');

export const BUILD_COMMAND = 'npm run tools:real-cluster';

export const BINARIES = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
] as const;
export type Binary = (typeof BINARIES)[number];

export function binaryPath(name: Binary): string {
  return join(binDir, name);
}

/** The binaries that are not built yet (empty when the control plane can start). */
export async function findMissingBinaries(): Promise<Binary[]> {
  const missing: Binary[] = [];
  for (const name of BINARIES) {
    try {
      await access(binaryPath(name), constants.X_OK);
    } catch {
      missing.push(name);
    }
  }
  return missing;
}

/**
 * Builds the binaries when any is missing (a cold build takes a long while: see the README), or
 * fails with the one command to run when REAL_CLUSTER_BUILD=off. The build script is a no-op when
 * its stamp matches, so calling this on every start costs nothing once built.
 */
export async function ensureBinaries(log: (line: string) => void): Promise<void> {
  const missing = await findMissingBinaries();
  if (missing.length === 0) return;
  if (process.env.REAL_CLUSTER_BUILD === 'off') {
    throw new Error(
      `the real control plane is not built (${missing.join(', ')} missing in ${binDir}): run \`${BUILD_COMMAND}\``,
    );
  }
  log(
    `real-cluster: ${missing.join(', ')} missing in ${binDir}; building them now (\`${BUILD_COMMAND}\`, a cold build takes tens of minutes)`,
  );
  const script = join(repoRoot, 'tools', 'real-cluster', 'build.sh');
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn('bash', [script], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (c) => done(c));
  });
  if (code !== 0)
    throw new Error(`\`${BUILD_COMMAND}\` failed (exit ${String(code)}); see its output above`);
}
