import { type Context, Hono } from 'hono';
import { executeOperation } from '../../controller/execute-operation.js';
import type { RolloutOperation } from '../../core/rollout/operations/index.js';
import type { ApiOptions } from './api-routes.js';
import { refused, rolloutNotFound } from './api-errors.js';
import { parseContainer, parseFlag, parseImage, parseName, parseRestartIn, parseRevision, readJsonBody } from './api-input.js';
import { executeSetImage, type EditOutcome, type Requester } from '../../controller/execute-set-image.js';
import { executeUndo } from '../../controller/execute-undo.js';

const SIMPLE: Record<string, RolloutOperation> = { abort: 'abort', retry: 'retry', pause: 'pause', resume: 'resume' };

/** A caller may name itself in `X-Rollouts-Actor` (every token holder is trusted alike); recorded as `api:<name>`. */
const ACTOR = /^[A-Za-z0-9@._:-]{1,64}$/;

/**
 * The write side (spec §1.8, §5): each route plans and writes exactly what the upstream plugin
 * writes, through the same executors the CLI uses, and records who asked in an Event on the
 * Rollout. 404 for an unknown Rollout, 409 with the reason when the Rollout's state refuses it.
 */
export function operationRoutes(opts: ApiOptions): Hono {
  const api = new Hono();
  const deps = { kube: opts.kube, now: opts.now };

  const ref = (c: Context) => ({ namespace: parseName(c.req.param('ns'), 'namespace'), name: parseName(c.req.param('name'), 'rollout name') });

  const requester = (c: Context): Requester => {
    const named = c.req.header('x-rollouts-actor');
    return { actor: named && ACTOR.test(named) ? `api:${named}` : 'api', via: `${c.req.method} ${c.req.path}` };
  };

  const operate = async (c: Context, operation: RolloutOperation, restartInMs?: number) => {
    const r = ref(c);
    const key = c.req.header('idempotency-key');
    const who = requester(c);
    const outcome = await executeOperation(deps, { ...r, operation, ...who, ...(key ? { id: key } : {}), ...(restartInMs !== undefined ? { restartInMs } : {}) });
    if (outcome.outcome === 'not-found') return rolloutNotFound(c, r.name);
    if (outcome.outcome === 'refused') return refused(c, outcome.reason);
    return c.json({ operation, ...outcome });
  };

  const edited = (c: Context, name: string, operation: string, outcome: EditOutcome & { revision?: number }) => {
    if (outcome.outcome === 'not-found') return rolloutNotFound(c, name);
    if (outcome.outcome === 'refused') return refused(c, outcome.reason);
    return c.json({ operation, ...outcome });
  };

  api.put('/rollouts/:ns/:name/promote', async (c) => {
    const body = await readJsonBody(c.req.raw);
    const full = parseFlag(body.full ?? c.req.query('full'), 'full');
    return operate(c, full ? 'promoteFull' : 'promote');
  });

  api.put('/rollouts/:ns/:name/restart', async (c) => {
    const body = await readJsonBody(c.req.raw);
    return operate(c, 'restart', parseRestartIn(body.in ?? c.req.query('in')));
  });

  for (const [path, operation] of Object.entries(SIMPLE)) {
    api.put(`/rollouts/:ns/:name/${path}`, (c) => operate(c, operation));
  }

  api.put('/rollouts/:ns/:name/set/:container/:image/:tag', async (c) => {
    const r = ref(c);
    const container = parseContainer(c.req.param('container'));
    const image = parseImage(`${c.req.param('image')}:${c.req.param('tag')}`);
    return edited(c, r.name, 'setImage', await executeSetImage(deps, r, container, image, requester(c)));
  });

  api.put('/rollouts/:ns/:name/set', async (c) => {
    const r = ref(c);
    const body = await readJsonBody(c.req.raw);
    const container = parseContainer(body.container);
    const image = parseImage(body.image);
    return edited(c, r.name, 'setImage', await executeSetImage(deps, r, container, image, requester(c)));
  });

  api.put('/rollouts/:ns/:name/undo/:revision', async (c) => {
    const r = ref(c);
    const revision = parseRevision(c.req.param('revision'));
    return edited(c, r.name, 'undo', await executeUndo(deps, r, revision, requester(c)));
  });

  return api;
}
