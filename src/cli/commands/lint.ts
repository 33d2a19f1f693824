import { parseAllDocuments } from 'yaml';
import {
  validateRolloutReferences,
  validateRolloutSpec,
} from '../../core/rollout/validation/index.js';
import { lintTrafficRouting } from '../../core/rollout/traffic/lint-routing.js';
import type { Rollout, Service } from '../../domain/index.js';
import type { KubeObjectJson } from '../../providers/traffic/index.js';
import { EXIT, UsageError } from '../cli-errors.js';
import type { CommandContext } from '../command-context.js';

interface Doc {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown };
}

/**
 * `lint -f FILE` (spec §5): the controller's own spec validation (§1.11), offline, on every Rollout
 * of a multi-document YAML file, then the Service and traffic-routing checks against the objects
 * in the same file. One the file does not hold may exist in the cluster, so it is not reported missing.
 * Prints each problem as `<file>: Rollout <name>: <problem>`; exit 1 when there is any.
 */
export async function lintCommand(ctx: CommandContext): Promise<number> {
  const file = ctx.args.flags.get('filename') ?? ctx.args.positionals[1];
  if (!file) throw new UsageError('lint needs a file: lint -f FILE');
  const text = await ctx.deps.readFile(file);
  const problems = lintManifests(text).map((p) => `${file}: ${p}`);
  for (const p of problems) ctx.deps.io.stderr(`${p}\n`);
  return problems.length ? EXIT.error : EXIT.ok;
}

/** The problems of a multi-document YAML text; empty when every Rollout in it is valid. */
export function lintManifests(text: string): string[] {
  const problems: string[] = [];
  const docs: Doc[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      problems.push(...doc.errors.map((e) => `YAML: ${e.message}`));
      continue;
    }
    const value: unknown = doc.toJS();
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      docs.push(value as Doc);
  }
  const services = new Map<string, Service>();
  for (const d of docs)
    if (d.kind === 'Service' && typeof d.metadata?.name === 'string')
      services.set(d.metadata.name, d as unknown as Service);
  for (const d of docs) {
    if (
      d.kind !== 'Rollout' ||
      typeof d.apiVersion !== 'string' ||
      !d.apiVersion.startsWith('argoproj.io/')
    )
      continue;
    const rollout = d as unknown as Rollout;
    const label = `Rollout ${typeof d.metadata?.name === 'string' ? d.metadata.name : '(unnamed)'}`;
    const specErrors = validateRolloutSpec(rollout);
    const errors =
      specErrors.length || rollout.spec?.workloadRef
        ? specErrors
        : validateRolloutReferences(rollout, { services: referenced(rollout, services) });
    const routing = errors.length
      ? []
      : lintTrafficRouting(
          rollout,
          docs.filter(
            (o) => o !== d && typeof o.metadata?.name === 'string',
          ) as unknown as KubeObjectJson[],
        );
    problems.push(...[...errors, ...routing].map((e) => `${label}: ${e}`));
  }
  return problems;
}

/** The file's Services, with a neutral stand-in for each name the Rollout uses that the file lacks. */
function referenced(
  rollout: Rollout,
  inFile: Map<string, Service>,
): Map<string, Service | undefined> {
  const strategy = rollout.spec?.strategy ?? {};
  const names = [
    strategy.canary?.stableService,
    strategy.canary?.canaryService,
    strategy.canary?.pingPong?.pingService,
    strategy.canary?.pingPong?.pongService,
    strategy.blueGreen?.activeService,
    strategy.blueGreen?.previewService,
  ];
  const map = new Map<string, Service | undefined>(inFile);
  for (const name of names)
    if (typeof name === 'string' && name !== '' && !map.has(name))
      map.set(name, { metadata: { name }, spec: {} });
  return map;
}
