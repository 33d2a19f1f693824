/** `trafficRouting.alb` (spec §1.4): the Ingresses, the port, the action's service, stickiness. */
import { arrayAt, isRecord, numberAt, recordAt, stringAt } from '../shared/json-view.js';
import { duplicates, missingField, TRAFFIC_ROUTING_PATH } from '../shared/problems.js';
import type { ObjectRef, RouteContext } from '../types.js';

export const DEFAULT_ALB_PREFIX = 'alb.ingress.kubernetes.io';
/** AWS's valid range for target-group stickiness (TargetGroupStickinessConfig.DurationSeconds). */
const MAX_STICKINESS_SECONDS = 604_800;

export interface AlbConfig {
  ingresses: string[];
  servicePort: number;
  /** The service the action annotation is named after: `rootService`, else the stable Service. */
  actionService: string;
  prefix: string;
  stickiness?: { durationSeconds: number };
}

const PATH = `${TRAFFIC_ROUTING_PATH}.alb`;

export function parseAlbConfig(ctx: RouteContext): { config: AlbConfig; problems: string[] } {
  const raw = ctx.config;
  const problems: string[] = [];
  const empty: AlbConfig = {
    ingresses: [],
    servicePort: 0,
    actionService: ctx.stableService,
    prefix: DEFAULT_ALB_PREFIX,
  };
  if (!isRecord(raw)) return { config: empty, problems: [`${PATH} must be an object`] };
  const single = stringAt(raw, 'ingress');
  const many = arrayAt(raw, 'ingresses').filter(
    (n): n is string => typeof n === 'string' && n !== '',
  );
  if (single !== undefined && single !== '' && many.length > 0)
    problems.push(`${PATH}: set either ingress or ingresses, not both`);
  const ingresses = single !== undefined && single !== '' ? [single] : many;
  if (ingresses.length === 0) problems.push(missingField(`${PATH}.ingress`));
  for (const d of duplicates(ingresses))
    problems.push(`${PATH}.ingresses lists Ingress '${d}' more than once`);
  const servicePort = numberAt(raw, 'servicePort') ?? 0;
  if (!Number.isInteger(servicePort) || servicePort < 1 || servicePort > 65535)
    problems.push(missingField(`${PATH}.servicePort`));
  const root = stringAt(raw, 'rootService');
  const prefix = stringAt(raw, 'annotationPrefix');
  const config: AlbConfig = {
    ingresses,
    servicePort,
    actionService: root !== undefined && root !== '' ? root : ctx.stableService,
    prefix: prefix !== undefined && prefix !== '' ? prefix : DEFAULT_ALB_PREFIX,
  };
  const sticky = recordAt(raw, 'stickinessConfig');
  if (sticky?.enabled === true) {
    const seconds = numberAt(sticky, 'durationSeconds') ?? 0;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_STICKINESS_SECONDS) {
      problems.push(
        `${PATH}.stickinessConfig.durationSeconds must be between 1 and ${MAX_STICKINESS_SECONDS}, got ${seconds}`,
      );
    }
    config.stickiness = { durationSeconds: seconds };
  }
  return { config, problems };
}

export function ingressRef(ctx: RouteContext, name: string): ObjectRef {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    namespace: ctx.rollout.namespace,
    name,
  };
}
