import { type Context, Hono } from 'hono';
import type { ClusterOutcome, FleetClusters } from '../../controller/fleet/fleet-clusters.js';
import { unreachedClusters } from '../../controller/fleet/fleet-clusters.js';
import {
  applyFleetStopSwitch,
  buildStopScope,
  deleteFleetStopSwitch,
  loadFleetStopSwitches,
} from '../../controller/stop-switch-fleet.js';
import {
  applyStopSwitch,
  deleteStopSwitch,
  loadStopSwitches,
  type StopScope,
} from '../../controller/stop-switch-store.js';
import { isoTime } from '../../domain/time.js';
import type { ApiOptions } from './api-options.js';
import { type ApiErrorBody, ApiInputError } from './api-errors.js';
import { parseName, readJsonBody } from './api-input.js';
import { ACTOR } from './operation-routes.js';

const MAX_REASON = 1024;

function optionalName(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ApiInputError(`${what} must be a string`);
  return parseName(value, what);
}

/**
 * What to stop, from the body (PUT) or the query (DELETE): `{namespace}`, `{cluster}`, both, or
 * neither (the fleet; this cluster when there is no fleet), with an optional `scope` that must
 * agree. A cluster is one of the fleet's, and only a fleet has clusters to name.
 */
function scopeOf(
  input: { scope?: unknown; cluster?: unknown; namespace?: unknown },
  fleet: FleetClusters | undefined,
): StopScope {
  if (input.scope !== undefined && typeof input.scope !== 'string')
    throw new ApiInputError('scope must be a string');
  const cluster = optionalName(input.cluster, 'cluster');
  const namespace = optionalName(input.namespace, 'namespace');
  const scope = buildStopScope({
    ...(input.scope !== undefined && input.scope !== '' ? { scope: input.scope } : {}),
    ...(cluster !== undefined ? { cluster } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  });
  if ('problem' in scope) throw new ApiInputError(scope.problem);
  if (cluster !== undefined && !fleet)
    throw new ApiInputError('no fleet is configured: this controller has no clusters to name');
  if (cluster !== undefined && fleet && !fleet.names.includes(cluster))
    throw new ApiInputError(
      `no cluster ${JSON.stringify(cluster)} in the fleet (it has ${fleet.names.join(', ')})`,
    );
  return scope;
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
 * A fan-out's answer: each cluster's result under `key` (or its error), 200 when every cluster
 * answered, else 502 naming those not reached. Nothing is half-recorded silently: the body says
 * which clusters hold the change, and the same request again completes it (names follow from the
 * scope, so a repeat writes the same objects).
 */
function fanOutAnswer<T>(
  c: Context,
  outcomes: readonly ClusterOutcome<T>[],
  key: string,
  body: Record<string, unknown>,
): Response {
  const clusters = outcomes.map((o) =>
    o.ok ? { cluster: o.cluster, [key]: o.value } : { cluster: o.cluster, error: o.error },
  );
  const missed = unreachedClusters(outcomes);
  if (missed.length === 0) return c.json({ ...body, clusters });
  const error: ApiErrorBody = {
    error: 'BadGateway',
    message: `not reached: ${missed.join(', ')}; the other clusters were answered. Send the same request again to complete it: it is idempotent`,
  };
  return c.json({ ...error, ...body, clusters }, 502);
}

/**
 * The stop switch (issue 21 §5) over the API, behind the same bearer guard: `GET /freeze` lists
 * the switches, `PUT /freeze` `{scope?, cluster?, namespace?, reason?}` sets one (who and when
 * recorded), `DELETE /freeze[?scope=&cluster=&namespace=]` clears it. Held Rollouts move on at
 * their next look. With a fleet (`opts.fleet`), a switch is written into every cluster its scope
 * covers (stop-switch-fleet.ts) and each answer is per cluster; without one, into this cluster.
 */
export function freezeRoutes(opts: ApiOptions): Hono {
  const api = new Hono();
  const { fleet } = opts;
  api.get('/freeze', async (c) => {
    if (!fleet) return c.json({ stopSwitches: await loadStopSwitches(opts.kube) });
    return fanOutAnswer(c, await loadFleetStopSwitches(fleet), 'stopSwitches', {});
  });
  api.put('/freeze', async (c) => {
    const body = await readJsonBody(c.req.raw);
    const stop = {
      ...scopeOf(body, fleet),
      by: actorOf(c),
      reason: parseReason(body.reason),
      at: isoTime(opts.now()),
    };
    if (!fleet) return c.json({ stopSwitch: await applyStopSwitch(opts.kube, stop) });
    const outcomes = await applyFleetStopSwitch(fleet, stop);
    return fanOutAnswer(
      c,
      outcomes.map((o) => (o.ok ? { ...o, value: true } : o)),
      'written',
      { stopSwitch: stop },
    );
  });
  api.delete('/freeze', async (c) => {
    const scope = scopeOf(c.req.query(), fleet);
    if (!fleet) return c.json({ cleared: await deleteStopSwitch(opts.kube, scope), ...scope });
    const outcomes = await deleteFleetStopSwitch(fleet, scope);
    const cleared = outcomes.some((o) => o.ok && o.value);
    return fanOutAnswer(c, outcomes, 'cleared', { cleared, ...scope });
  });
  return api;
}
