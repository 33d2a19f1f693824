import type { Reply } from './router.js';
import { queryInt } from './fields.js';

export interface Page<T> {
  items: T[];
  /** The `Link` header, when there is more than one page. */
  link?: string;
}

/** `per_page` (default 30, at most 100) and `page`, with the `Link` header octokit's paginate follows. */
export function paginate<T>(all: readonly T[], url: URL): Page<T> {
  const perPage = Math.min(100, Math.max(1, queryInt(url.searchParams, 'per_page', 30)));
  const page = Math.max(1, queryInt(url.searchParams, 'page', 1));
  const items = all.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  if (last === 1 && page === 1) return { items };
  const linkTo = (p: number) => {
    const u = new URL(url);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${linkTo(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) rels.push(`<${linkTo(page + 1)}>; rel="next"`, `<${linkTo(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${linkTo(1)}>; rel="first"`);
  return { items, ...(rels.length ? { link: rels.join(', ') } : {}) };
}

/** A list answer: one page of `all`, rendered, with its `Link` header. */
export function pageReply<T>(all: readonly T[], url: URL, render: (item: T) => unknown): Reply {
  const page = paginate(all, url);
  return {
    status: 200,
    body: page.items.map(render),
    ...(page.link ? { headers: { link: page.link } } : {}),
  };
}
