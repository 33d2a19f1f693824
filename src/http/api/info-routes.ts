import { Hono } from 'hono';
import { KubeApiError } from '../../adapters/kube/index.js';
import type { ApiOptions } from './api-options.js';
import { parseName } from './api-input.js';
import {
  ALL_NAMESPACES,
  loadNamespaces,
  loadRolloutInfo,
  loadRolloutSummaries,
} from '../../controller/load-rollout-info.js';
import { type Poll, pollAsEvents } from './watch-stream.js';

/** `_all` means every namespace; anything else must be a namespace name. */
function namespaceParam(ns: string | undefined): string | undefined {
  return ns === ALL_NAMESPACES ? undefined : parseName(ns, 'namespace');
}

/** The read side (spec §5): version, namespaces, rollout summaries and trees, and their watch streams. */
export function infoRoutes(opts: ApiOptions): Hono {
  const api = new Hono();
  const settings = {
    intervalMs: opts.watchIntervalMs ?? 1000,
    maxPolls: opts.watchMaxPolls ?? 300,
  };
  const notFound = (name: string) => ({
    error: 'NotFound',
    message: `rollouts.argoproj.io "${name}" not found`,
  });
  const failed = (e: unknown): Poll => {
    if (e instanceof KubeApiError)
      return { failed: { error: e.reason ?? 'KubernetesError', message: e.message } };
    throw e;
  };

  api.get('/version', (c) => c.json({ rolloutsVersion: opts.version, runtime: opts.runtime }));

  api.get('/namespace', async (c) => {
    const namespace = opts.namespace ?? 'default';
    const available = await loadNamespaces(opts.kube);
    return c.json({ namespace, availableNamespaces: available ?? [namespace] });
  });

  api.get('/rollouts/:ns/info', async (c) => {
    const rollouts = await loadRolloutSummaries(opts.kube, namespaceParam(c.req.param('ns')));
    return c.json({ rollouts });
  });

  api.get('/rollouts/:ns/info/watch', (c) => {
    const ns = namespaceParam(c.req.param('ns'));
    return pollAsEvents(c, settings, async () => {
      try {
        return { data: { rollouts: await loadRolloutSummaries(opts.kube, ns) } };
      } catch (e) {
        return failed(e);
      }
    });
  });

  api.get('/rollouts/:ns/:name/info', async (c) => {
    const ns = parseName(c.req.param('ns'), 'namespace');
    const name = parseName(c.req.param('name'), 'rollout name');
    const info = await loadRolloutInfo(opts.kube, ns, name, opts.now());
    return info ? c.json(info) : c.json(notFound(name), 404);
  });

  api.get('/rollouts/:ns/:name/info/watch', async (c) => {
    const ns = parseName(c.req.param('ns'), 'namespace');
    const name = parseName(c.req.param('name'), 'rollout name');
    // An unknown Rollout is a plain 404 before the stream starts, as the one-shot route answers.
    if (!(await loadRolloutInfo(opts.kube, ns, name, opts.now())))
      return c.json(notFound(name), 404);
    return pollAsEvents(c, settings, async () => {
      try {
        const info = await loadRolloutInfo(opts.kube, ns, name, opts.now());
        return info ? { data: info } : { gone: notFound(name) };
      } catch (e) {
        return failed(e);
      }
    });
  });

  return api;
}
