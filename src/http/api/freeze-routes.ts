import { type Context, Hono } from 'hono';
import {
  applyStopSwitch,
  deleteStopSwitch,
  loadStopSwitches,
  type StopScope,
} from '../../controller/stop-switch-store.js';
import { isoTime } from '../../domain/time.js';
import type { ApiOptions } from './api-options.js';
import { ApiInputError } from './api-errors.js';
import { parseName, readJsonBody } from './api-input.js';
import { ACTOR } from './operation-routes.js';

const MAX_REASON = 1024;

/** `namespace` (body or query) narrows the switch to one namespace; absent: the fleet. */
function scopeOf(namespace: unknown): StopScope {
  if (namespace === undefined || namespace === null || namespace === '') return { scope: 'fleet' };
  if (typeof namespace !== 'string') throw new ApiInputError('namespace must be a string');
  return { scope: 'namespace', namespace: parseName(namespace, 'namespace') };
}

function parseReason(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' || value.length > MAX_REASON)
    throw new ApiInputError(`reason must be a string of at most ${MAX_REASON} characters`);
  return value;
}

/** Who asked: `api:<X-Rollouts-Actor>` when it names itself, else `api` (as the operations). */
function actorOf(c: Context): string {
  const named = c.req.header('x-rollouts-actor');
  return named && ACTOR.test(named) ? `api:${named}` : 'api';
}

/**
 * The stop switch (issue 21 §5) over the API, behind the same bearer guard: `GET /freeze` lists
 * the switches, `PUT /freeze` `{namespace?, reason?}` sets one (who and when recorded), `DELETE
 * /freeze[?namespace=NS]` clears it. Held Rollouts move on at their next look.
 */
export function freezeRoutes(opts: ApiOptions): Hono {
  const api = new Hono();
  api.get('/freeze', async (c) => c.json({ stopSwitches: await loadStopSwitches(opts.kube) }));
  api.put('/freeze', async (c) => {
    const body = await readJsonBody(c.req.raw);
    const stop = {
      ...scopeOf(body.namespace),
      by: actorOf(c),
      reason: parseReason(body.reason),
      at: isoTime(opts.now()),
    };
    return c.json({ stopSwitch: await applyStopSwitch(opts.kube, stop) });
  });
  api.delete('/freeze', async (c) => {
    const scope = scopeOf(c.req.query('namespace'));
    return c.json({ cleared: await deleteStopSwitch(opts.kube, scope), ...scope });
  });
  return api;
}
