import { type Context, Hono } from 'hono';
import type { EditOutcome, Requester } from '../../controller/execute-bound-edit.js';
import { executeOperation, type OperationOutcome } from '../../controller/execute-operation.js';
import { executeSetImage } from '../../controller/execute-set-image.js';
import { executeUndo } from '../../controller/execute-undo.js';
import type { RolloutOperation, SeenState } from '../../core/rollout/operations/index.js';
import type { ApiOptions } from './api-options.js';
import { refused, rolloutNotFound } from './api-errors.js';
import {
  parseContainer,
  parseFlag,
  parseImage,
  parseName,
  parseRestartIn,
  parseRevision,
  parseSeenStateInput,
  readJsonBody,
} from './api-input.js';

const SIMPLE: Record<string, RolloutOperation> = {
  abort: 'abort',
  retry: 'retry',
  pause: 'pause',
  resume: 'resume',
};

/** A caller may name itself in `X-Rollouts-Actor` (every token holder is trusted alike); recorded as `api:<name>`. */
export const ACTOR = /^[A-Za-z0-9@._:-]{1,64}$/;

/**
 * The write side (spec §1.8, §5): each route plans and writes exactly what the upstream plugin
 * writes, through the same executors the CLI uses, and records who asked in an Event on the
 * Rollout. Every write is bound to the state the caller saw (issue 15): `stepIndex` and `podHash`
 * in the query or the JSON body, else what the first read shows. 404 for an unknown Rollout; 409
 * `Refused` when the Rollout's state refuses the operation, 409 `StateChanged` (with the `current`
 * state) when it has moved on from the one named, and nothing is written then.
 */
export function operationRoutes(opts: ApiOptions): Hono {
  const api = new Hono();
  const deps = { kube: opts.kube, now: opts.now };

  const ref = (c: Context) => ({
    namespace: parseName(c.req.param('ns'), 'namespace'),
    name: parseName(c.req.param('name'), 'rollout name'),
  });

  const requester = (c: Context): Requester => {
    const named = c.req.header('x-rollouts-actor');
    return {
      actor: named && ACTOR.test(named) ? `api:${named}` : 'api',
      via: `${c.req.method} ${c.req.path}`,
    };
  };

  const seen = (c: Context, body: Record<string, unknown>): SeenState =>
    parseSeenStateInput(
      body.stepIndex ?? c.req.query('stepIndex'),
      body.podHash ?? c.req.query('podHash'),
    );

  const answer = (
    c: Context,
    name: string,
    operation: string,
    outcome: OperationOutcome | (EditOutcome & { revision?: number }),
  ) => {
    if (outcome.outcome === 'not-found') return rolloutNotFound(c, name);
    if (outcome.outcome === 'refused') return refused(c, outcome.reason);
    if (outcome.outcome === 'stale')
      return c.json(
        { error: 'StateChanged', message: outcome.reason, current: outcome.current },
        409,
      );
    return c.json({ operation, ...outcome });
  };

  const operate = async (
    c: Context,
    operation: RolloutOperation,
    body: Record<string, unknown>,
    restartInMs?: number,
  ) => {
    const r = ref(c);
    const expected = seen(c, body);
    const key = c.req.header('idempotency-key');
    const outcome = await executeOperation(deps, {
      ...r,
      operation,
      ...requester(c),
      expected,
      ...(key ? { id: key } : {}),
      ...(restartInMs !== undefined ? { restartInMs } : {}),
    });
    return answer(c, r.name, operation, outcome);
  };

  api.put('/rollouts/:ns/:name/promote', async (c) => {
    const body = await readJsonBody(c.req.raw);
    const full = parseFlag(body.full ?? c.req.query('full'), 'full');
    return operate(c, full ? 'promoteFull' : 'promote', body);
  });

  api.put('/rollouts/:ns/:name/restart', async (c) => {
    const body = await readJsonBody(c.req.raw);
    return operate(c, 'restart', body, parseRestartIn(body.in ?? c.req.query('in')));
  });

  for (const [path, operation] of Object.entries(SIMPLE)) {
    api.put(`/rollouts/:ns/:name/${path}`, async (c) =>
      operate(c, operation, await readJsonBody(c.req.raw)),
    );
  }

  api.put('/rollouts/:ns/:name/set/:container/:image/:tag', async (c) => {
    const r = ref(c);
    const container = parseContainer(c.req.param('container'));
    const image = parseImage(`${c.req.param('image')}:${c.req.param('tag')}`);
    const expected = seen(c, await readJsonBody(c.req.raw));
    return answer(
      c,
      r.name,
      'setImage',
      await executeSetImage(deps, r, container, image, requester(c), expected),
    );
  });

  api.put('/rollouts/:ns/:name/set', async (c) => {
    const r = ref(c);
    const body = await readJsonBody(c.req.raw);
    const container = parseContainer(body.container);
    const image = parseImage(body.image);
    return answer(
      c,
      r.name,
      'setImage',
      await executeSetImage(deps, r, container, image, requester(c), seen(c, body)),
    );
  });

  api.put('/rollouts/:ns/:name/undo/:revision', async (c) => {
    const r = ref(c);
    const revision = parseRevision(c.req.param('revision'));
    const expected = seen(c, await readJsonBody(c.req.raw));
    return answer(c, r.name, 'undo', await executeUndo(deps, r, revision, requester(c), expected));
  });

  return api;
}
