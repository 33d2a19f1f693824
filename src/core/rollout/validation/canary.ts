import { DEFAULTS } from '../../../domain/index.js';
import { validateAntiAffinity } from './anti-affinity.js';
import { validateCanaryStep } from './canary-steps.js';
import { invalid, type FieldError } from './field-error.js';
import { intOrPercentProblems, intOrPercentValue } from './int-or-percent.js';
import { MSG } from './messages.js';
import { readRouters, requiresCanaryStableServices, type Routers } from './traffic-routing.js';
import { asArray, asNumber, asString, field, isSet } from './view.js';

/**
 * Canary checks, in upstream's order. `path` is `spec.strategy`: upstream passes the strategy
 * path (not `spec.strategy.canary`) down, so e.g. a bad weight reports at
 * `spec.strategy.steps[0].setWeight`.
 */
export function validateCanary(canary: unknown, path: string): FieldError[] {
  const trafficRouting = field(canary, 'trafficRouting');
  const routers = readRouters(trafficRouting);
  const errs: FieldError[] = [...validateMaxSurgeMaxUnavailable(canary, path)];

  const canaryService = asString(field(canary, 'canaryService'));
  const stableService = asString(field(canary, 'stableService'));
  if (canaryService !== '' && canaryService === stableService) {
    errs.push(invalid(`${path}.stableService`, stableService, MSG.duplicatedServicesCanary));
  }

  const pingPong = field(canary, 'pingPong');
  if (isSet(pingPong)) errs.push(...validatePingPong(pingPong, trafficRouting, routers, path));

  if (requiresCanaryStableServices(routers, isSet(pingPong))) {
    if (stableService === '')
      errs.push(invalid(`${path}.stableService`, stableService, MSG.trafficRoutingServices));
    if (canaryService === '')
      errs.push(invalid(`${path}.canaryService`, canaryService, MSG.trafficRoutingServices));
  }

  const scaleDownDelay = field(canary, 'scaleDownDelaySeconds');
  const dynamicStableScale = field(canary, 'dynamicStableScale') === true;
  const maxWeightField = field(trafficRouting, 'maxTrafficWeight');
  if (!routers.set) {
    if (isSet(scaleDownDelay))
      errs.push(invalid(`${path}.scaleDownDelaySeconds`, scaleDownDelay, MSG.canaryScaleDownDelay));
    if (dynamicStableScale)
      errs.push(invalid(`${path}.dynamicStableScale`, true, MSG.canaryDynamicStableScale));
  } else {
    if (isSet(scaleDownDelay) && dynamicStableScale) {
      errs.push(
        invalid(`${path}.dynamicStableScale`, true, MSG.canaryDynamicStableScaleWithScaleDownDelay),
      );
    }
    if (isSet(maxWeightField) && !routers.nginx && !routers.plugins) {
      errs.push(
        invalid(
          `${path}.trafficRouting.maxTrafficWeight`,
          maxWeightField,
          MSG.canaryMaxWeightRouter,
        ),
      );
    }
  }

  const ctx = {
    routers,
    maxTrafficWeight:
      (routers.set ? asNumber(maxWeightField) : undefined) ?? DEFAULTS.maxTrafficWeight,
    managedRoutes: field(trafficRouting, 'managedRoutes'),
    path,
  };
  asArray(field(canary, 'steps')).forEach((step, i) =>
    errs.push(...validateCanaryStep(step, i, ctx)),
  );

  errs.push(...validateAntiAffinity(field(canary, 'antiAffinity'), `${path}.antiAffinity`));
  return errs;
}

/**
 * Each value must read as a count or a percentage (`intOrPercentProblem`); then both zero, read
 * raw (see `intOrPercentValue`), is refused. An absent field takes the 25% default.
 */
function validateMaxSurgeMaxUnavailable(canary: unknown, path: string): FieldError[] {
  const surge = field(canary, 'maxSurge');
  const unavailable = field(canary, 'maxUnavailable');
  const malformed = [
    ...(isSet(surge) ? intOrPercentProblems(surge, `${path}.maxSurge`) : []),
    ...(isSet(unavailable) ? intOrPercentProblems(unavailable, `${path}.maxUnavailable`) : []),
  ];
  if (malformed.length) return malformed;
  const surgeValue = intOrPercentValue(isSet(surge) ? surge : DEFAULTS.maxSurge);
  const unavailableValue = intOrPercentValue(
    isSet(unavailable) ? unavailable : DEFAULTS.maxUnavailable,
  );
  return surgeValue === 0 && unavailableValue === 0
    ? [invalid(`${path}.maxSurge`, surge, MSG.maxSurgeMaxUnavailable)]
    : [];
}

function validatePingPong(
  pingPong: unknown,
  trafficRouting: unknown,
  routers: Routers,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (routers.set && !routers.alb && !routers.istio && !routers.plugins) {
    errs.push(invalid(`${path}.trafficRouting.alb`, null, MSG.pingPongRouterOnly));
  }
  const ping = asString(field(pingPong, 'pingService'));
  const pong = asString(field(pingPong, 'pongService'));
  if (ping === '') errs.push(invalid(`${path}.pingPong.pingService`, ping, MSG.pingPongServices));
  if (pong === '') errs.push(invalid(`${path}.pingPong.pongService`, pong, MSG.pingPongServices));
  if (ping === pong)
    errs.push(invalid(`${path}.pingPong.pingService`, ping, MSG.duplicatedPingPongServices));
  const alb = field(trafficRouting, 'alb');
  if (routers.alb && asString(field(alb, 'rootService')) === '') {
    errs.push(invalid(`${path}.trafficRouting.alb.rootService`, '', MSG.missedAlbRootService));
  }
  return errs;
}
