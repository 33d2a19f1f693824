import { parse as parseYaml } from 'yaml';
import { isRecord } from '../../domain/json.js';
import { parseSourceWaves, type SourceWaves } from '../fleet/wave-config.js';

/**
 * Which repository paths feed which namespaces (issue 7), parsed once at start-up from
 * `GITOPS_CONFIG` (JSON or YAML) or a ConfigMap, listing every problem at once (STYLE: Errors).
 *
 * ```yaml
 * cluster: prod-eu                 # names GitHub environments: <cluster>/<namespace>/<rollout>
 * sources:
 *   - repo: acme/shop-deploy
 *     branch: main                 # default main
 *     path: k8s/prod               # a plain directory of manifests (subdirectories included); default: the root
 *     namespace: shop
 *     prune: false                 # delete what left the path; default false
 * ```
 */
export interface GitSource extends SourceWaves {
  /** Unique, a DNS label: names the inventory ConfigMap and the commit-status context. */
  name: string;
  owner: string;
  repo: string;
  /** `owner/repo`. */
  fullName: string;
  branch: string;
  /** Normalised: no leading or trailing slash; '' is the repository root. */
  path: string;
  namespace: string;
  prune: boolean;
}

export interface GitOpsConfig {
  cluster: string;
  sources: GitSource[];
  /** A manifest larger than this fails the sync (GitHub's blob API serves up to 100 MB). */
  maxFileBytes: number;
  /** More manifest files than this under one source fails the sync. */
  maxFiles: number;
}

export type ConfigResult = { config: GitOpsConfig } | { problems: string[] };

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const REPO = /^([A-Za-z0-9-]{1,39})\/([A-Za-z0-9._-]{1,100})$/;
const BRANCH = /^(?!\/|.*(?:\/\.|\/\/|\.\.|@\{|\\))[^\0-\x20~^:?*[\x7f]+(?<!\/|\.lock|\.)$/;
const KNOWN_TOP = new Set(['cluster', 'sources', 'maxFileBytes', 'maxFiles']);
const KNOWN_SOURCE = new Set([
  'name',
  'repo',
  'branch',
  'path',
  'namespace',
  'prune',
  'waves',
  'onFailure',
]);

/** Parses the configuration text (JSON is YAML too). */
export function parseGitOpsConfigText(text: string): ConfigResult {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 0 });
  } catch (e) {
    return { problems: [`not valid YAML or JSON: ${(e as Error).message.split('\n')[0] ?? ''}`] };
  }
  return parseGitOpsConfig(raw);
}

export function parseGitOpsConfig(raw: unknown): ConfigResult {
  if (!isRecord(raw))
    return { problems: ['GITOPS_CONFIG must be an object with `cluster` and `sources`'] };
  const problems: string[] = [];
  for (const k of Object.keys(raw))
    if (!KNOWN_TOP.has(k))
      problems.push(`unknown field \`${k}\` (known: ${[...KNOWN_TOP].join(', ')})`);
  const cluster = raw.cluster ?? 'default';
  if (typeof cluster !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(cluster))
    problems.push('`cluster` must be a name of 1-63 letters, digits, ".", "_" or "-"');
  const maxFileBytes = positiveInt(raw.maxFileBytes, 1024 * 1024, 'maxFileBytes', problems);
  const maxFiles = positiveInt(raw.maxFiles, 200, 'maxFiles', problems);
  const list = raw.sources;
  if (!Array.isArray(list) || list.length === 0)
    problems.push('`sources` must be a non-empty list');
  const sources = (Array.isArray(list) ? list : []).flatMap((s, i) =>
    parseSource(s, `sources[${i}]`, problems),
  );
  const names = new Set<string>();
  for (const s of sources) {
    if (names.has(s.name))
      problems.push(`sources: two sources are named "${s.name}" (set distinct \`name\`s)`);
    names.add(s.name);
  }
  const targets = new Set<string>();
  for (const s of sources) {
    const key = `${s.fullName.toLowerCase()}@${s.branch}:${s.path}`;
    if (targets.has(key))
      problems.push(`sources: ${s.fullName} ${s.branch}:/${s.path} is listed twice`);
    targets.add(key);
  }
  if (problems.length > 0) return { problems };
  return { config: { cluster: cluster as string, sources, maxFileBytes, maxFiles } };
}

function parseSource(s: unknown, at: string, problems: string[]): GitSource[] {
  if (!isRecord(s)) {
    problems.push(`${at} must be an object`);
    return [];
  }
  const before = problems.length;
  for (const k of Object.keys(s))
    if (!KNOWN_SOURCE.has(k))
      problems.push(`${at}: unknown field \`${k}\` (known: ${[...KNOWN_SOURCE].join(', ')})`);
  const repo = typeof s.repo === 'string' ? REPO.exec(s.repo) : null;
  if (!repo) problems.push(`${at}.repo must be "owner/name"`);
  const branch = s.branch ?? 'main';
  if (typeof branch !== 'string' || !BRANCH.test(branch))
    problems.push(`${at}.branch is not a valid branch name`);
  const path =
    typeof s.path === 'string'
      ? s.path.replace(/^\/+|\/+$/g, '')
      : s.path === undefined
        ? ''
        : undefined;
  if (path === undefined || path.split('/').some((p) => p === '..' || p === '.'))
    problems.push(`${at}.path must be a directory path inside the repository`);
  const namespace = s.namespace;
  if (typeof namespace !== 'string' || !DNS_LABEL.test(namespace) || namespace.length > 63)
    problems.push(`${at}.namespace must be a namespace name (a DNS label)`);
  if (s.prune !== undefined && typeof s.prune !== 'boolean')
    problems.push(`${at}.prune must be true or false`);
  // A fleet release instead of the one cluster (issue 21); checked against the fleet by findWaveProblems.
  const waves = parseSourceWaves(s, at, problems);
  if (problems.length > before || !repo) return [];
  const [, owner = '', name = ''] = repo;
  const sourceName =
    s.name === undefined ? defaultName(name, branch as string, path ?? '') : s.name;
  if (typeof sourceName !== 'string' || !DNS_LABEL.test(sourceName) || sourceName.length > 40) {
    problems.push(`${at}.name must be a DNS label of at most 40 characters`);
    return [];
  }
  return [
    {
      name: sourceName,
      owner,
      repo: name,
      fullName: `${owner}/${name}`,
      branch: branch as string,
      path: path ?? '',
      namespace: namespace as string,
      prune: s.prune === true,
      ...waves,
    },
  ];
}

function positiveInt(v: unknown, fallback: number, name: string, problems: string[]): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    problems.push(`\`${name}\` must be a positive integer`);
    return fallback;
  }
  return v;
}

/** `<repo>-<branch>-<path>` slugged to a DNS label, at most 40 characters. */
function defaultName(repo: string, branch: string, path: string): string {
  const slug = [repo, branch, path]
    .filter(Boolean)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 40).replace(/-+$/, '') || 'source';
}

/** The sources a repository's branch feeds. */
export function sourcesFor(config: GitOpsConfig, fullName: string, branch?: string): GitSource[] {
  const want = fullName.toLowerCase();
  return config.sources.filter(
    (s) => s.fullName.toLowerCase() === want && (branch === undefined || s.branch === branch),
  );
}

/** Whether a repository file lies under the source's path. */
export function isUnderSource(source: GitSource, file: string): boolean {
  return source.path === '' || file === source.path || file.startsWith(`${source.path}/`);
}
