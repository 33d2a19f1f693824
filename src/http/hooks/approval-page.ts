import type { ApprovalRefusalKind } from '../../core/notifications/approval/index.js';
import { escapeHtml } from '../dashboard/html.js';

/** The status each refusal answers with: the page says why, the code lets tools tell them apart. */
export const REFUSAL_STATUS: Record<ApprovalRefusalKind, 400 | 403 | 404 | 409 | 410> = {
  malformed: 400,
  tampered: 403,
  'not-allowed': 403,
  'not-configured': 404,
  used: 409,
  'moved-on': 409,
  refused: 409,
  expired: 410,
  gone: 410,
};

/**
 * The headers of every approval page. The token is in the URL: no Referer may carry it away, no
 * cache may keep it. No framing, so the confirm button cannot be clicked through another site's
 * page; no scripts at all.
 */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-frame-options': 'DENY',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

export interface ApprovalPage {
  title: string;
  message: string;
  /** The confirm button's label: the page then carries a form that POSTs to its own URL. */
  confirm?: string;
}

/** A small self-contained page: a question with one button, or an outcome. */
export function renderApprovalPage(page: ApprovalPage): string {
  const form = page.confirm
    ? `<form method="post"><button type="submit">${escapeHtml(page.confirm)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(page.title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem}
button{font:inherit;padding:.5rem 1.5rem;cursor:pointer}</style></head>
<body><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>${form}</body></html>
`;
}
