import { apiErrors } from '../errors.js';
import { isFullSha } from '../git/git-objects.js';
import { fullName, type Repo } from '../model.js';
import { buildBlob, buildContentEntry, buildGitCommit, buildTreeEntry } from '../render/git.js';
import type { Reply, RequestContext, Route } from '../server/router.js';
import { loadRepo } from './access.js';

const D = 'https://docs.github.com/rest';

/** `application/vnd.github.raw` (and the older `.v3.raw`) asks for the bytes instead of JSON. */
function wantsRaw(accept: string): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(accept);
}

function rawReply(data: Buffer): Reply {
  return { status: 200, raw: { contentType: 'application/vnd.github.raw', data } };
}

/** Like GitHub, the trees API takes a tree sha, a commit sha or a branch name. */
function resolveTree(ctx: RequestContext, repo: Repo, ref: string): string | undefined {
  if (repo.git.tree(ref)) return ref;
  const commit = repo.git.commit(ref) ?? repo.git.commit(ctx.state.resolveCommit(repo, ref) ?? '');
  return commit?.tree;
}

export const gitRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/:owner/:repo/git/commits/:sha',
    docs: `${D}/git/commits#get-a-commit-object`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const sha = ctx.params.sha ?? '';
      if (!isFullSha(sha) || !repo.git.commit(sha)) throw apiErrors.notFound();
      return { status: 200, body: buildGitCommit(repo, ctx.urls, sha) };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/git/trees/*tree_sha',
    docs: `${D}/git/trees#get-a-tree`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const tree = resolveTree(ctx, repo, ctx.params.tree_sha ?? '');
      if (!tree) throw apiErrors.notFound();
      // "Setting this parameter to any value returns the objects or subtrees referenced by the tree."
      const recursive = ctx.url.searchParams.has('recursive');
      const entries = repo.git.walk(tree, recursive);
      const LIMIT = 100_000;
      return {
        status: 200,
        body: {
          sha: tree,
          url: `${ctx.urls.api}/repos/${fullName(repo)}/git/trees/${tree}`,
          tree: entries.slice(0, LIMIT).map((e) => buildTreeEntry(repo, ctx.urls, e)),
          truncated: entries.length > LIMIT,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/git/blobs/:sha',
    docs: `${D}/git/blobs#get-a-blob`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const sha = ctx.params.sha ?? '';
      const data = isFullSha(sha) ? repo.git.blob(sha) : undefined;
      if (!data) throw apiErrors.notFound();
      return wantsRaw(ctx.accept)
        ? rawReply(data)
        : { status: 200, body: buildBlob(repo, ctx.urls, sha, data) };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/contents/*path',
    docs: `${D}/repos/contents#get-repository-content`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      if (repo.branches.size === 0) throw apiErrors.notFound('This repository is empty.');
      const ref = ctx.url.searchParams.get('ref') || repo.defaultBranch;
      const sha = ctx.state.resolveCommit(repo, ref);
      const commit = sha ? repo.git.commit(sha) : undefined;
      if (!commit) throw apiErrors.notFound(`No commit found for the ref ${ref}`);
      const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
      const entry = repo.git.findPath(commit.tree, path);
      if (!entry) throw apiErrors.notFound();
      if (entry.mode !== '40000') {
        const data = repo.git.blob(entry.sha) ?? Buffer.alloc(0);
        return wantsRaw(ctx.accept)
          ? rawReply(data)
          : {
              status: 200,
              body: buildContentEntry(repo, ctx.urls, ref, path, entry.sha, 'file', true),
            };
      }
      const listing = (repo.git.tree(entry.sha) ?? []).map((e) =>
        buildContentEntry(
          repo,
          ctx.urls,
          ref,
          path ? `${path}/${e.name}` : e.name,
          e.sha,
          e.mode === '40000' ? 'dir' : 'file',
          false,
        ),
      );
      return { status: 200, body: listing };
    },
  },
];
