/** `trafficRouting.apisix` (spec §1.4): the ApisixRoute and the rules of it that carry the split. */
import { arrayAt, isRecord, recordAt, stringAt } from '../shared/json-view.js';
import { duplicates, missingField, TRAFFIC_ROUTING_PATH } from '../shared/problems.js';
import type { ObjectRef, RouteContext } from '../types.js';

export const APISIX_API_VERSION = 'apisix.apache.org/v2';

export interface ApisixConfig {
  route: string;
  /** Rule names in `spec.http[]`; default: the route's own name (spec §4.2). */
  rules: string[];
}

const PATH = `${TRAFFIC_ROUTING_PATH}.apisix`;

export function parseApisixConfig(ctx: RouteContext): { config: ApisixConfig; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(ctx.config))
    return { config: { route: '', rules: [] }, problems: [`${PATH} must be an object`] };
  const route = recordAt(ctx.config, 'route');
  if (route === undefined)
    return { config: { route: '', rules: [] }, problems: [missingField(`${PATH}.route`)] };
  const name = stringAt(route, 'name') ?? '';
  if (name === '') problems.push(missingField(`${PATH}.route.name`));
  const listed = arrayAt(route, 'rules').filter(
    (r): r is string => typeof r === 'string' && r !== '',
  );
  for (const d of duplicates(listed))
    problems.push(`${PATH}.route.rules lists rule '${d}' more than once`);
  if (name !== '' && ctx.managedRoutes.includes(name))
    problems.push(
      `managed route '${name}' would replace the ApisixRoute it is cloned from; give it another name`,
    );
  return { config: { route: name, rules: listed.length > 0 ? listed : [name] }, problems };
}

export function apisixRouteRef(ctx: RouteContext, name: string): ObjectRef {
  return {
    apiVersion: APISIX_API_VERSION,
    kind: 'ApisixRoute',
    namespace: ctx.rollout.namespace,
    name,
  };
}
