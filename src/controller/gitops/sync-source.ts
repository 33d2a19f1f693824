import type { GitHubApi, RepoRef } from '../../adapters/github/index.js';
import {
  type KubeClient,
  KubeApiError,
  objectPath,
  ResourceMapper,
} from '../../adapters/kube/index.js';
import type { GitOpsConfig, GitSource } from '../../core/gitops/config.js';
import { parseManifests } from '../../core/gitops/manifests.js';
import {
  type DeploymentRecord,
  environmentOf,
  formatDeploymentRecord,
  parseDeploymentRecord,
  truncate,
} from '../../core/gitops/plan-report.js';
import { computePodTemplateHash } from '../../core/rollout/template/index.js';
import { type KubeObjectJson, OWN, type Rollout } from '../../domain/index.js';
import {
  entryKey,
  FIELD_MANAGER,
  type InventoryEntry,
  loadInventory,
  saveInventory,
} from './inventory.js';
import { loadSourceFiles } from './load-source-files.js';
import { isRollout, type Resolved, resolveManifests } from './resolve-manifests.js';
import { commitContext, syncContext } from './status-contexts.js';

export interface SyncDeps {
  kube: KubeClient;
  config: GitOpsConfig;
  github(repo: RepoRef): Promise<GitHubApi>;
  log?: (line: string) => void;
}

export type SyncOutcome =
  | { outcome: 'synced'; sha: string; applied: number; updated: string[]; pruned: number }
  | { outcome: 'unchanged'; sha: string }
  /** The source goes out in waves: the push started (or found) this fleet release (issue 21). */
  | { outcome: 'released'; release: string }
  | { outcome: 'invalid'; sha: string; problems: string[] }
  | { outcome: 'gone'; reason: string };

/**
 * One Git sync of one source (DESIGN §1: Git pushes are a trigger; §3: a trigger is a hint). Reads
 * the branch head itself, so a redelivered or out-of-order push converges on the head and never
 * re-applies an older commit. All manifests are parsed, resolved, validated and dry-run applied
 * before anything is written; any problem fails the commit's sync status and leaves the cluster
 * untouched. Then: a GitHub Deployment per Rollout whose spec changes, server-side apply of every
 * object under one field manager (Rollouts last, after what they reference), the inventory, and
 * pruning only when the source enables it. Each step is idempotent, so a retry after a fault
 * converges.
 */
export async function syncSource(
  deps: SyncDeps,
  source: GitSource,
  /** A fleet release delivers its own commit (issue 21), not whatever the branch head is now. */
  at?: string,
): Promise<SyncOutcome> {
  const repo = { owner: source.owner, repo: source.repo };
  const api = await deps.github(repo);
  const sha = at ?? (await api.branchHead(repo, source.branch));
  if (sha === undefined)
    return {
      outcome: 'gone',
      reason: `branch ${source.branch} of ${source.fullName} does not exist`,
    };
  const inventory = await loadInventory(deps.kube, source);
  if (inventory?.sha === sha) return { outcome: 'unchanged', sha };
  const fail = async (problems: string[]): Promise<SyncOutcome> => {
    deps.log?.(`gitops ${source.name} @${sha.slice(0, 7)}: refused: ${problems.join(' | ')}`);
    const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
    await api.createCommitStatus(repo, sha, {
      state: 'failure',
      context: syncContext(deps.config, source),
      description: truncate(`not applied: ${problems[0] ?? ''}`, 140 - more.length) + more,
    });
    return { outcome: 'invalid', sha, problems };
  };

  const files = await loadSourceFiles(api, repo, source, sha, deps.config);
  if ('problems' in files) return fail(files.problems);
  const parsed = parseManifests(files.files, source.namespace);
  if ('problems' in parsed) return fail(parsed.problems);
  const mapper = new ResourceMapper(deps.kube);
  const { resolved, problems } = await resolveManifests(mapper, parsed.manifests, source.namespace);
  if (problems.length > 0) return fail(problems);

  const live = await Promise.all(resolved.map((r) => deps.kube.find<KubeObjectJson>(r.path)));
  const desired = resolved.map((r, i) => withOwnMetadata(r.object, live[i]));
  const dryRun: KubeObjectJson[] = [];
  const refused: string[] = [];
  for (const [i, r] of resolved.entries()) {
    try {
      dryRun.push(
        await deps.kube.apply<KubeObjectJson>(r.path, desired[i], {
          fieldManager: FIELD_MANAGER,
          force: true,
          dryRun: true,
        }),
      );
    } catch (e) {
      if (!(e instanceof KubeApiError) || e.retryable) throw e;
      refused.push(
        `${r.manifest.file}: ${r.object.kind} ${r.object.metadata.name}: ${serverMessage(e)}`,
      );
    }
  }
  if (refused.length > 0) return fail(refused);

  // A Deployment per Rollout update: the spec changes when the dry run moves the generation.
  const updated: Array<{ index: number; record: DeploymentRecord }> = [];
  for (const [i, r] of resolved.entries()) {
    const before = live[i]?.metadata.generation;
    const after = dryRun[i]?.metadata.generation;
    if (!isRollout(r) || (before !== undefined && before === after)) continue;
    const record = await ensureDeployment(
      api,
      repo,
      deps.config,
      source,
      sha,
      r,
      dryRun[i],
      live[i],
    );
    updated.push({ index: i, record });
    const d = desired[i];
    if (d)
      d.metadata.annotations = {
        ...d.metadata.annotations,
        [OWN.githubDeployment]: formatDeploymentRecord(record),
      };
  }

  const order = resolved
    .map((_, i) => i)
    .sort(
      (a, b) =>
        Number(isRollout(resolved[a] as Resolved)) - Number(isRollout(resolved[b] as Resolved)),
    );
  for (const i of order) {
    const r = resolved[i] as Resolved;
    await deps.kube.apply(r.path, desired[i], { fieldManager: FIELD_MANAGER, force: true });
  }
  for (const { record } of updated) {
    await api.createDeploymentStatus(repo, record.id, {
      state: 'queued',
      description: `applied ${sha.slice(0, 7)}; waiting for the controller`,
      environment: record.environment,
    });
    await api.createCommitStatus(repo, sha, {
      state: 'pending',
      context: commitContext(record),
      description: 'applied; waiting for the controller',
    });
  }

  const objects: InventoryEntry[] = resolved.map((r) => ({
    apiVersion: r.object.apiVersion,
    kind: r.object.kind,
    name: r.object.metadata.name,
    ...(r.info.namespaced ? { namespace: source.namespace } : {}),
  }));
  const pruned =
    source.prune && inventory ? await prune(deps, mapper, source, inventory.objects, objects) : 0;
  await saveInventory(deps.kube, source, { sha, objects });
  const names = updated.map((u) => (resolved[u.index] as Resolved).object.metadata.name);
  const summary = `applied ${resolved.length} object${resolved.length === 1 ? '' : 's'}${names.length ? `; updating ${names.join(', ')}` : ''}${pruned ? `; pruned ${pruned}` : ''}`;
  await api.createCommitStatus(repo, sha, {
    state: 'success',
    context: syncContext(deps.config, source),
    description: truncate(summary),
  });
  deps.log?.(`gitops ${source.name} @${sha.slice(0, 7)}: ${summary}`);
  return { outcome: 'synced', sha, applied: resolved.length, updated: names, pruned };
}

/** The applied configuration: the manifest plus the project's own annotations the live object carries. */
function withOwnMetadata(object: KubeObjectJson, live: KubeObjectJson | undefined): KubeObjectJson {
  const carried = live?.metadata.annotations?.[OWN.githubDeployment];
  const out = structuredClone(object);
  if (carried !== undefined)
    out.metadata.annotations = { ...out.metadata.annotations, [OWN.githubDeployment]: carried };
  return out;
}

async function ensureDeployment(
  api: GitHubApi,
  repo: RepoRef,
  config: GitOpsConfig,
  source: GitSource,
  sha: string,
  r: Resolved,
  dry: KubeObjectJson | undefined,
  live: KubeObjectJson | undefined,
): Promise<DeploymentRecord> {
  const name = r.object.metadata.name;
  const environment = environmentOf(config.cluster, source.namespace, name);
  const previous = parseDeploymentRecord(live?.metadata.annotations?.[OWN.githubDeployment]);
  // A retry after a crash between creating the deployment and applying must not create a second one.
  const existing =
    previous?.sha === sha ? previous.id : await api.findDeployment(repo, sha, environment);
  const id =
    existing ??
    (await api.createDeployment(repo, {
      sha,
      environment,
      description: `Rollout ${source.namespace}/${name}`,
      payload: {
        rollout: name,
        namespace: source.namespace,
        cluster: config.cluster,
        source: source.name,
      },
      production: false,
    }));
  const rollout = dry as unknown as Rollout | undefined;
  const template = rollout?.spec?.template;
  const collisions = (live as unknown as Rollout | undefined)?.status?.collisionCount;
  return {
    repo: source.fullName,
    id,
    sha,
    environment,
    generation: dry?.metadata.generation as number,
    ...(template ? { podHash: computePodTemplateHash(template, collisions) } : {}),
  };
}

async function prune(
  deps: SyncDeps,
  mapper: ResourceMapper,
  source: GitSource,
  before: InventoryEntry[],
  now: InventoryEntry[],
): Promise<number> {
  const keep = new Set(now.map(entryKey));
  const gone = before.filter((e) => !keep.has(entryKey(e)));
  if (gone.length === 0) return 0;
  // A manifest moved to another source's path is that source's object now, whichever synced first.
  for (const other of deps.config.sources) {
    if (other.name === source.name) continue;
    for (const e of (await loadInventory(deps.kube, other))?.objects ?? []) keep.add(entryKey(e));
  }
  let n = 0;
  for (const e of gone) {
    if (keep.has(entryKey(e))) continue;
    const info = await mapper.resolve(e.apiVersion, e.kind);
    if (
      info &&
      (await deps.kube.delete(objectPath(info, e.namespace, e.name), {
        propagationPolicy: 'Background',
      }))
    )
      n++;
  }
  return n;
}

/** The API server's own words, without our method/path prefix. */
function serverMessage(e: KubeApiError): string {
  const m = /^\w+ \S+: \d+(?: \w+)?: (.*)$/s.exec(e.message);
  return m?.[1] ?? e.message;
}
