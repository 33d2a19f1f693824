import { KubeApiError, type KubeClient } from '../../adapters/kube/index.js';
import { ALL_NAMESPACES, loadRolloutInfo } from '../../controller/load-rollout-info.js';
import type { RolloutInfo, RolloutSummary } from '../../core/rollout-info/index.js';
import { loadListView, loadRolloutDetail, type RolloutCardExtra } from './load-views.js';
import type { RolloutDetail } from './rollout-detail.js';

/** Where the server reads the first view from: the API's own Kubernetes client. */
export interface FirstViewSource {
  kube: KubeClient;
  now: () => number;
  /** The namespace the list opens on (the API's `GET /namespace`). */
  namespace: string;
}

/**
 * What `GET /` renders before the page script runs (issue 19). `key` names the view the way the
 * script names its route (`list:<ns>`, `rollout:<ns>/<name>`), so the script keeps it on screen
 * until live data for the same view arrives.
 */
export type FirstView =
  | { kind: 'signIn' }
  | {
      kind: 'list';
      key: string;
      namespace: string;
      summaries: RolloutSummary[];
      cards: RolloutCardExtra[];
    }
  | { kind: 'rollout'; key: string; info: RolloutInfo; detail: RolloutDetail }
  | { kind: 'notice'; text: string };

export type FirstViewRoute =
  { list: string } | { rollout: { namespace: string; name: string } } | { invalid: string };

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * The view a URL asks for. The page's own routes are hashes (`#/ro/<ns>/<name>`), which never reach
 * a server, so the server reads `?rollout=<ns>/<name>` (what the page links to for sharing and
 * captures) and `?namespace=<ns>` (`_all` for every namespace) for the list.
 */
export function parseFirstViewRoute(
  query: { rollout?: string | undefined; namespace?: string | undefined },
  fallbackNamespace: string,
): FirstViewRoute {
  if (query.rollout !== undefined && query.rollout !== '') {
    const [namespace = '', name = '', ...rest] = query.rollout.split('/');
    if (rest.length || !NAME.test(namespace) || !NAME.test(name))
      return {
        invalid: `invalid rollout ${JSON.stringify(query.rollout)}: use ?rollout=<namespace>/<name>`,
      };
    return { rollout: { namespace, name } };
  }
  const ns = query.namespace || fallbackNamespace;
  if (ns !== ALL_NAMESPACES && !NAME.test(ns))
    return { invalid: `invalid namespace ${JSON.stringify(ns)}` };
  return { list: ns };
}

/** Reads what the route shows; a failed read is a notice on the page, never an error page. */
export async function loadFirstView(
  source: FirstViewSource,
  route: FirstViewRoute,
): Promise<FirstView> {
  if ('invalid' in route) return { kind: 'notice', text: route.invalid };
  try {
    if ('list' in route) {
      const ns = route.list === ALL_NAMESPACES ? undefined : route.list;
      const { summaries, cards } = await loadListView(source.kube, ns, source.now());
      return { kind: 'list', key: `list:${route.list}`, namespace: route.list, summaries, cards };
    }
    const { namespace, name } = route.rollout;
    const [info, detail] = await Promise.all([
      loadRolloutInfo(source.kube, namespace, name, source.now()),
      loadRolloutDetail(source.kube, namespace, name),
    ]);
    if (!info || !detail)
      return {
        kind: 'notice',
        text: `rollouts.argoproj.io "${name}" not found in namespace ${namespace}`,
      };
    return { kind: 'rollout', key: `rollout:${namespace}/${name}`, info, detail };
  } catch (e) {
    if (e instanceof KubeApiError)
      return {
        kind: 'notice',
        text: `The Kubernetes API did not answer the first view (${e.message}); live updates will follow.`,
      };
    throw e;
  }
}
