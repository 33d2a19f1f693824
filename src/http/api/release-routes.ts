import { Hono } from 'hono';
import { ALL_NAMESPACES } from '../../controller/load-rollout-info.js';
import { loadRelease } from '../../controller/fleet/release-store.js';
import { loadReleases, RELEASES_RESOURCE_NAME } from '../../controller/load-releases.js';
import {
  buildReleaseHistory,
  DEFAULT_FIGURES_WINDOW_MS,
  DEFAULT_RELEASE_LIMIT,
} from '../../core/fleet/release-summary.js';
import { parseGoDurationMs } from '../../domain/go-duration.js';
import { DAY_MS } from '../../domain/zoned-time.js';
import type { ApiOptions } from './api-options.js';
import { type ApiErrorBody, ApiInputError } from './api-errors.js';
import { parseName } from './api-input.js';

const MAX_LIMIT = 1000;
/** Ten years: far beyond any history, short enough that the figures' dates stay valid. */
const MAX_WINDOW_MS = 3650 * DAY_MS;

/** Absent, empty or `_all`: every namespace. */
function namespaceQuery(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === ALL_NAMESPACES
    ? undefined
    : parseName(value, 'namespace');
}

function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_RELEASE_LIMIT;
  const n = /^[0-9]{1,4}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_LIMIT))
    throw new ApiInputError(
      `invalid limit ${JSON.stringify(value)}: a whole number from 1 to ${MAX_LIMIT}`,
    );
  return n;
}

/** The figures' period: a Go duration (`720h`, `168h`), as every duration of the spec is written. */
function parseWindow(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_FIGURES_WINDOW_MS;
  const ms = parseGoDurationMs(value);
  if (ms === undefined || !(ms > 0) || ms > MAX_WINDOW_MS)
    throw new ApiInputError(
      `invalid window ${JSON.stringify(value)}: a positive duration such as 720h or 168h`,
    );
  return ms;
}

/**
 * Fleet releases (issue 21 §6), read from the home cluster behind the same bearer guard:
 * `GET /releases[?namespace=&source=&limit=&window=]` answers `{releases, figures}`: summaries
 * newest first and the delivery figures of the window ending now (default 30 days, over every
 * release of the namespace and source, not only the listed ones); a cluster without the Release
 * CRD answers an empty list with a `note`. `GET /releases/{ns}/{name}` answers one Release whole.
 */
export function releaseRoutes(opts: ApiOptions): Hono {
  const api = new Hono();
  const kube = opts.homeKube ?? opts.kube;

  api.get('/releases', async (c) => {
    const namespace = namespaceQuery(c.req.query('namespace'));
    const source = c.req.query('source');
    const query = {
      ...(source ? { source: parseName(source, 'source') } : {}),
      limit: parseLimit(c.req.query('limit')),
      windowMs: parseWindow(c.req.query('window')),
    };
    const loaded = await loadReleases(kube, namespace);
    const history = buildReleaseHistory(loaded.releases, query, opts.now());
    return c.json(loaded.note ? { ...history, note: loaded.note } : history);
  });

  api.get('/releases/:ns/:name', async (c) => {
    const ns = parseName(c.req.param('ns'), 'namespace');
    const name = parseName(c.req.param('name'), 'release name');
    const release = await loadRelease(kube, ns, name);
    if (release) return c.json(release);
    const message = `${RELEASES_RESOURCE_NAME} "${name}" not found`;
    return c.json<ApiErrorBody>({ error: 'NotFound', message }, 404);
  });

  return api;
}
