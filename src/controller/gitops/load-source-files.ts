import type { GitHubApi, RepoRef } from '../../adapters/github/index.js';
import type { GitOpsConfig, GitSource } from '../../core/gitops/config.js';
import { isUnderSource } from '../../core/gitops/config.js';
import { isManifestFile, type ManifestFile } from '../../core/gitops/manifests.js';

export type SourceFiles = { files: ManifestFile[] } | { problems: string[] };

const PARALLEL_BLOBS = 8;

/**
 * The manifest files under a source's path at `sha`: one recursive tree read, then one blob read per
 * file. Limits are checked on the tree's sizes before any content is fetched, so a huge file costs
 * nothing but the refusal.
 */
export async function loadSourceFiles(
  api: GitHubApi,
  repo: RepoRef,
  source: GitSource,
  sha: string,
  limits: Pick<GitOpsConfig, 'maxFileBytes' | 'maxFiles'>,
): Promise<SourceFiles> {
  const tree = await api.tree(repo, sha);
  if (tree.truncated)
    return {
      problems: [
        `the repository tree at ${sha.slice(0, 7)} is too large for GitHub to list in one answer`,
      ],
    };
  const entries = tree.entries.filter(
    (e) => e.type === 'blob' && isUnderSource(source, e.path) && isManifestFile(e.path),
  );
  if (
    entries.length === 0 &&
    !tree.entries.some((e) => e.type === 'tree' && e.path === source.path) &&
    source.path !== ''
  ) {
    return { problems: [`/${source.path} does not exist at ${sha.slice(0, 7)}`] };
  }
  const problems: string[] = [];
  if (entries.length > limits.maxFiles)
    problems.push(
      `/${source.path} holds ${entries.length} manifest files; the limit is ${limits.maxFiles}`,
    );
  for (const e of entries) {
    if ((e.size ?? 0) > limits.maxFileBytes)
      problems.push(`${e.path} is ${e.size ?? 0} bytes; the limit is ${limits.maxFileBytes}`);
  }
  if (problems.length > 0) return { problems };
  const files: ManifestFile[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  for (let i = 0; i < entries.length; i += PARALLEL_BLOBS) {
    const batch = entries.slice(i, i + PARALLEL_BLOBS);
    const blobs = await Promise.all(batch.map((e) => api.blob(repo, e.sha)));
    batch.forEach((e, j) => {
      const bytes = blobs[j] ?? new Uint8Array();
      if (bytes.byteLength > limits.maxFileBytes)
        problems.push(
          `${e.path} is ${bytes.byteLength} bytes; the limit is ${limits.maxFileBytes}`,
        );
      else {
        try {
          files.push({ path: e.path, text: decoder.decode(bytes) });
        } catch {
          problems.push(`${e.path} is not UTF-8 text`);
        }
      }
    });
  }
  return problems.length > 0 ? { problems } : { files };
}
