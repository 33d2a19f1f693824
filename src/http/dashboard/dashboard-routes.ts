import { Hono } from 'hono';
import { viewCookieCheck } from '../auth/view-cookie.js';
import { buildFirstViewHtml } from './render-first-view.js';
import {
  type FirstView,
  type FirstViewSource,
  loadFirstView,
  parseFirstViewRoute,
} from './load-first-view.js';
import { buildPageHtml } from './page-html.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_CSS } from './page-style.js';
import { mountSessionRoutes } from './session-routes.js';

/**
 * The page never needs anything but its own origin: scripts and styles from `assets/`, data from
 * `api/v1`. Inline scripts are not allowed; inline SVG is built through the DOM, which CSP permits.
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ASSETS: Record<string, { body: string; type: string }> = {
  'app.js': { body: PAGE_SCRIPT, type: 'text/javascript; charset=utf-8' },
  'app.css': { body: PAGE_CSS, type: 'text/css; charset=utf-8' },
};

export interface DashboardOptions {
  version: string;
  runtime: 'node' | 'workers';
  /** The API tokens: the view cookie is a digest of one of them. */
  apiTokens?: readonly string[] | undefined;
  /** Where the first view's data comes from; without it (no API on this runtime) the page renders sign-in only. */
  data?: FirstViewSource | undefined;
}

/**
 * `GET /` and `GET /assets/*` (DESIGN §4): the dashboard, public like the probes, and `/session`
 * for its sign-in cookie. `GET /` renders the first view on the server (issue 19): the sign-in form,
 * or, for a request with a valid view cookie, the list (`?namespace=`) or a Rollout
 * (`?rollout=<ns>/<name>`). Every data call the script then makes goes to the token-guarded API.
 */
export function dashboardRoutes(opts: DashboardOptions): Hono {
  const app = new Hono();
  const etag = `"${opts.version}-${PAGE_SCRIPT.length.toString(36)}-${PAGE_CSS.length.toString(36)}"`;
  const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  const signedIn = viewCookieCheck(opts.apiTokens);

  app.get('/', async (c) => {
    const session = opts.data !== undefined && (await signedIn(c));
    const view: FirstView =
      session && opts.data
        ? await loadFirstView(opts.data, parseFirstViewRoute(c.req.query(), opts.data.namespace))
        : { kind: 'signIn' };
    const html = buildPageHtml({
      main: buildFirstViewHtml(view),
      ...('key' in view ? { view: view.key } : {}),
      signedIn: session,
      foot: `serverless-rollouts ${opts.version} (${opts.runtime})`,
    });
    // `private, no-store`: a page with data from behind the cookie is never kept by a shared cache.
    return c.body(html, 200, {
      ...common,
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CSP,
      'cache-control': 'no-store',
      vary: 'Cookie',
      'x-frame-options': 'DENY',
    });
  });

  app.get('/assets/:file', (c) => {
    const asset = ASSETS[c.req.param('file')];
    if (!asset)
      return c.json({ error: 'NotFound', message: `no asset ${c.req.param('file')}` }, 404);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag });
    return c.body(asset.body, 200, {
      ...common,
      'content-type': asset.type,
      etag,
      'cache-control': 'no-cache',
    });
  });

  mountSessionRoutes(app, opts.apiTokens);
  return app;
}
