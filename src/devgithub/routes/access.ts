import { apiErrors } from '../errors.js';
import type { Account, Repo } from '../model.js';
import { type FindAccount, loginFromEmail } from '../render/git.js';
import type { RequestContext } from '../server/router.js';

/**
 * The repository named by `:owner/:repo`. Private ones are invisible (404) to anonymous callers,
 * to the app's own JWT, and to installation tokens narrowed to other repositories.
 */
export function loadRepo(ctx: RequestContext): Repo {
  const repo = ctx.state.findRepo(ctx.params.owner ?? '', ctx.params.repo ?? '');
  if (!repo) throw apiErrors.notFound();
  const id = ctx.identity;
  if (
    id.kind === 'installation' &&
    id.grant.repositories &&
    !id.grant.repositories.some((r) => r.toLowerCase() === repo.name.toLowerCase())
  )
    throw apiErrors.notFound();
  if (repo.private && (id.kind === 'anonymous' || id.kind === 'app')) throw apiErrors.notFound();
  return repo;
}

/** The account a write acts as: anonymous writes need authentication; the app itself (JWT) cannot write to repositories. */
export function requireActor(ctx: RequestContext): Account {
  const id = ctx.identity;
  if (id.kind === 'anonymous') throw apiErrors.requiresAuthentication();
  if (id.kind === 'app') throw apiErrors.forbidden('Resource not accessible by integration');
  return id.account;
}

/** The commit a `:ref` names, or GitHub's 422 for a sha it cannot find. */
export function loadCommitRef(ctx: RequestContext, repo: Repo, ref: string): string {
  const sha = ctx.state.resolveCommit(repo, ref);
  if (!sha) throw apiErrors.noCommitForSha(ref);
  return sha;
}

export function paramInt(ctx: RequestContext, name: string): number {
  const raw = ctx.params[name] ?? '';
  if (!/^\d+$/.test(raw)) throw apiErrors.notFound();
  return Number(raw);
}

/** Links a commit signature to its account through the noreply address. */
export function accountFinder(ctx: RequestContext): FindAccount {
  return (s) => {
    const login = loginFromEmail(s.email);
    return login ? ctx.state.account(login) : undefined;
  };
}
