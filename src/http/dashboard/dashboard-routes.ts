import { Hono } from 'hono';
import { PAGE_HTML } from './page-html.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_CSS } from './page-style.js';

/**
 * The page never needs anything but its own origin: scripts and styles from `assets/`, data from
 * `api/v1`. Inline scripts are not allowed; inline SVG is built through the DOM, which CSP permits.
 */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const ASSETS: Record<string, { body: string; type: string }> = {
  'app.js': { body: PAGE_SCRIPT, type: 'text/javascript; charset=utf-8' },
  'app.css': { body: PAGE_CSS, type: 'text/css; charset=utf-8' },
};

/**
 * `GET /` and `GET /assets/*` (DESIGN §4): the dashboard, public like the probes. It holds no data;
 * every data call it makes goes to the token-guarded API.
 */
export function dashboardRoutes(version: string): Hono {
  const app = new Hono();
  const etag = `"${version}-${PAGE_SCRIPT.length.toString(36)}-${PAGE_CSS.length.toString(36)}"`;
  const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

  app.get('/', (c) =>
    c.body(PAGE_HTML, 200, { ...common, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'cache-control': 'no-cache', 'x-frame-options': 'DENY' }),
  );

  app.get('/assets/:file', (c) => {
    const asset = ASSETS[c.req.param('file')];
    if (!asset) return c.json({ error: 'NotFound', message: `no asset ${c.req.param('file')}` }, 404);
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag });
    return c.body(asset.body, 200, { ...common, 'content-type': asset.type, etag, 'cache-control': 'no-cache' });
  });

  return app;
}
