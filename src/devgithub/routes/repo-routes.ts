import { apiErrors } from '../errors.js';
import { diffFiles } from '../git/git-diff.js';
import { computeAncestors, computeMergeBase, planCommitRange } from '../git/git-history.js';
import { fullName, type Repo } from '../model.js';
import { buildRepo, buildUser } from '../render/accounts.js';
import { buildCommit, buildFileChange } from '../render/git.js';
import type { Urls } from '../render/urls.js';
import { pageReply } from '../server/pagination.js';
import type { RequestContext, Route } from '../server/router.js';
import { accountFinder, loadCommitRef, loadRepo } from './access.js';

const D = 'https://docs.github.com/rest';

function viewerPermission(ctx: RequestContext, repo: Repo) {
  const id = ctx.identity;
  if (id.kind === 'token') return ctx.state.permissionOf(repo, id.account.login);
  if (id.kind === 'installation') return 'write' as const;
  return undefined;
}

function buildBranch(
  ctx: RequestContext,
  repo: Repo,
  name: string,
  sha: string,
): Record<string, unknown> {
  const api = `${ctx.urls.api}/repos/${fullName(repo)}`;
  return {
    name,
    commit: buildCommit(repo, ctx.urls, sha, accountFinder(ctx)),
    _links: {
      self: `${api}/branches/${encodeURIComponent(name)}`,
      html: `${ctx.urls.html}/${fullName(repo)}/tree/${name}`,
    },
    protected: false,
    protection: {
      enabled: false,
      required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
    },
    protection_url: `${api}/branches/${encodeURIComponent(name)}/protection`,
  };
}

export function buildRef(
  urls: Urls,
  repo: Repo,
  branch: string,
  sha: string,
): Record<string, unknown> {
  const api = `${urls.api}/repos/${fullName(repo)}`;
  return {
    ref: `refs/heads/${branch}`,
    node_id: `REF_${Buffer.from(`${repo.id}:${branch}`).toString('base64url')}`,
    url: `${api}/git/refs/heads/${branch}`,
    object: { sha, type: 'commit', url: `${api}/git/commits/${sha}` },
  };
}

/** Branch refs whose full name starts with `refs/<prefix>`. */
function matchingRefs(ctx: RequestContext, repo: Repo, prefix: string): Record<string, unknown>[] {
  return [...repo.branches]
    .filter(([b]) => `heads/${b}`.startsWith(prefix))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([b, sha]) => buildRef(ctx.urls, repo, b, sha));
}

export const repoRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/:owner/:repo',
    docs: `${D}/repos/repos#get-a-repository`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      return { status: 200, body: buildRepo(repo, ctx.urls, viewerPermission(ctx, repo)) };
    },
  },
  {
    method: 'GET',
    path: '/users/:login',
    docs: `${D}/users/users#get-a-user`,
    handle: (ctx) => {
      const account = ctx.state.account(ctx.params.login ?? '');
      if (!account) throw apiErrors.notFound();
      return { status: 200, body: buildUser(account, ctx.urls) };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/branches',
    docs: `${D}/branches/branches#list-branches`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const all = [...repo.branches]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, sha]) => ({
          name,
          commit: { sha, url: `${ctx.urls.api}/repos/${fullName(repo)}/commits/${sha}` },
          protected: false,
        }));
      return pageReply(all, ctx.url, (b) => b);
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/branches/*branch',
    docs: `${D}/branches/branches#get-a-branch`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const name = ctx.params.branch ?? '';
      const sha = repo.branches.get(name);
      if (!sha) throw apiErrors.notFound('Branch not found');
      return { status: 200, body: buildBranch(ctx, repo, name, sha) };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/git/ref/*ref',
    docs: `${D}/git/refs#get-a-reference`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const branch = /^heads\/(.+)$/.exec(ctx.params.ref ?? '')?.[1];
      const sha = branch ? repo.branches.get(branch) : undefined;
      if (!branch || !sha) throw apiErrors.notFound();
      return { status: 200, body: buildRef(ctx.urls, repo, branch, sha) };
    },
  },
  {
    // The older form: an exact ref answers with the object, a prefix with the list of matches.
    method: 'GET',
    path: '/repos/:owner/:repo/git/refs/*ref',
    docs: `${D}/git/refs#get-a-reference`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const ref = ctx.params.ref ?? '';
      const exact = /^heads\/(.+)$/.exec(ref)?.[1];
      const sha = exact ? repo.branches.get(exact) : undefined;
      if (exact && sha) return { status: 200, body: buildRef(ctx.urls, repo, exact, sha) };
      const matches = matchingRefs(
        ctx,
        repo,
        ref === '' ? '' : ref.endsWith('/') ? ref : `${ref}/`,
      );
      if (!matches.length) throw apiErrors.notFound();
      return { status: 200, body: matches };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/git/matching-refs/*ref',
    docs: `${D}/git/refs#list-matching-references`,
    handle: (ctx) => ({
      status: 200,
      body: matchingRefs(ctx, loadRepo(ctx), ctx.params.ref ?? ''),
    }),
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/commits',
    docs: `${D}/commits/commits#list-commits`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const from = ctx.url.searchParams.get('sha') ?? repo.defaultBranch;
      const head = ctx.state.resolveCommit(repo, from);
      if (!head) {
        if (repo.branches.size === 0) throw apiErrors.conflict('Git Repository is empty.');
        throw apiErrors.notFound();
      }
      const path = ctx.url.searchParams.get('path');
      const read = (s: string) => repo.git.commit(s);
      let shas = planCommitRange(read, head, []).reverse();
      if (path) {
        shas = shas.filter((s) => {
          const c = read(s);
          const before = c?.parents[0]
            ? repo.git.listFiles(read(c.parents[0])?.tree ?? '')
            : new Map();
          return diffFiles(before, repo.git.listFiles(c?.tree ?? ''), () => undefined).some(
            (f) => f.filename === path || f.filename.startsWith(`${path}/`),
          );
        });
      }
      return pageReply(shas, ctx.url, (s) => buildCommit(repo, ctx.urls, s, accountFinder(ctx)));
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/commits/:ref',
    docs: `${D}/commits/commits#get-a-commit`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const sha = loadCommitRef(ctx, repo, ctx.params.ref ?? '');
      const c = repo.git.commit(sha);
      const parent = c?.parents[0] ? repo.git.commit(c.parents[0]) : undefined;
      const files = diffFiles(
        parent ? repo.git.listFiles(parent.tree) : new Map(),
        repo.git.listFiles(c?.tree ?? ''),
        (s) => repo.git.blob(s),
      );
      return { status: 200, body: buildCommit(repo, ctx.urls, sha, accountFinder(ctx), files) };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/compare/*basehead',
    docs: `${D}/commits/commits#compare-two-commits`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const spec = ctx.params.basehead ?? '';
      const dots = spec.indexOf('...');
      if (dots < 0) throw apiErrors.notFound();
      const [baseRef, headRef] = [spec.slice(0, dots), spec.slice(dots + 3)];
      const base = ctx.state.resolveCommit(repo, baseRef);
      const head = ctx.state.resolveCommit(repo, headRef);
      if (!base || !head) throw apiErrors.notFound();
      const read = (s: string) => repo.git.commit(s);
      const mergeBase = computeMergeBase(read, base, head);
      if (!mergeBase)
        throw apiErrors.notFound(`No common ancestor between ${baseRef} and ${headRef}.`);
      const ahead = planCommitRange(read, head, [base]);
      const behindBy = [...computeAncestors(read, base)].filter(
        (s) => !computeAncestors(read, head).has(s),
      ).length;
      const status =
        ahead.length === 0 && behindBy === 0
          ? 'identical'
          : behindBy === 0
            ? 'ahead'
            : ahead.length === 0
              ? 'behind'
              : 'diverged';
      const find = accountFinder(ctx);
      const files = diffFiles(
        repo.git.listFiles(read(mergeBase)?.tree ?? ''),
        repo.git.listFiles(read(head)?.tree ?? ''),
        (s) => repo.git.blob(s),
      );
      const html = `${ctx.urls.html}/${fullName(repo)}/compare/${baseRef}...${headRef}`;
      return {
        status: 200,
        body: {
          url: `${ctx.urls.api}/repos/${fullName(repo)}/compare/${baseRef}...${headRef}`,
          html_url: html,
          permalink_url: `${ctx.urls.html}/${fullName(repo)}/compare/${repo.owner.login}:${base.slice(0, 7)}...${repo.owner.login}:${head.slice(0, 7)}`,
          diff_url: `${html}.diff`,
          patch_url: `${html}.patch`,
          base_commit: buildCommit(repo, ctx.urls, base, find),
          merge_base_commit: buildCommit(repo, ctx.urls, mergeBase, find),
          status,
          ahead_by: ahead.length,
          behind_by: behindBy,
          total_commits: ahead.length,
          commits: ahead.slice(0, 250).map((s) => buildCommit(repo, ctx.urls, s, find)),
          files: files.map((f) => buildFileChange(repo, ctx.urls, head, f)),
        },
      };
    },
  },
];
