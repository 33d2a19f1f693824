/**
 * Our runner of Argo CD's Lua health checks (tools/argocd-health) reads every case of Argo CD's
 * own health tables the way Argo CD does: the scripts, the tables and their inputs all come from
 * the pinned argo-cd module in the Go module cache, never from this repository.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  assessArgoCdHealth,
  findArgoCdModuleDir,
  findMissingUpstreamBinaries,
  UPSTREAM_BUILD_COMMAND,
} from './support.js';

const missing = await findMissingUpstreamBinaries();
const moduleDir = missing.includes('argocd-health') ? undefined : await findArgoCdModuleDir();
const skipReason = missing.includes('argocd-health')
  ? `argocd-health not built: run \`${UPSTREAM_BUILD_COMMAND}\``
  : !moduleDir
    ? 'the pinned argo-cd module is not in the Go module cache and cannot be fetched (tools/argocd-health/dir.sh)'
    : undefined;

interface HealthTable {
  tests: { healthStatus: { status: string; message?: string }; inputPath: string }[];
}

async function casesOf(
  kind: string,
): Promise<{ input: string; want: { status: string; message: string } }[]> {
  if (!moduleDir) return [];
  const kindDir = join(moduleDir, 'resource_customizations', 'argoproj.io', kind);
  const table = parse(await readFile(join(kindDir, 'health_test.yaml'), 'utf8')) as HealthTable;
  return table.tests.map((t) => ({
    input: join(kindDir, t.inputPath),
    want: { status: t.healthStatus.status, message: t.healthStatus.message ?? '' },
  }));
}

describe.skipIf(skipReason)(
  `Argo CD health checks through argocd-health${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    it.each(['Rollout', 'AnalysisRun', 'Experiment'])(
      "%s: every case of Argo CD's own table",
      async (kind) => {
        const cases = await casesOf(kind);
        expect(cases.length).toBeGreaterThan(0);
        for (const c of cases) {
          const obj: unknown = parse(await readFile(c.input, 'utf8'));
          expect({
            input: c.input,
            health: await assessArgoCdHealth(obj, moduleDir ?? ''),
          }).toEqual({ input: c.input, health: c.want });
        }
      },
      60_000,
    );
  },
);
