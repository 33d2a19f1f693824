import { field, hasEntries, isSet } from './view.js';

/** Which routers a canary's `trafficRouting` names (Go's `!= nil` per router; plugins by count). */
export interface Routers {
  set: boolean;
  alb: boolean;
  istio: boolean;
  istioDestinationRule: boolean;
  smi: boolean;
  apisix: boolean;
  ambassador: boolean;
  nginx: boolean;
  appMesh: boolean;
  traefik: boolean;
  plugins: boolean;
}

export function readRouters(trafficRouting: unknown): Routers {
  const has = (key: string): boolean => isSet(field(trafficRouting, key));
  return {
    set: isSet(trafficRouting),
    alb: has('alb'),
    istio: has('istio'),
    istioDestinationRule: isSet(field(field(trafficRouting, 'istio'), 'destinationRule')),
    smi: has('smi'),
    apisix: has('apisix'),
    ambassador: has('ambassador'),
    nginx: has('nginx'),
    appMesh: has('appMesh'),
    traefik: has('traefik'),
    plugins: hasEntries(field(trafficRouting, 'plugins')),
  };
}

/**
 * Routers that swap selectors on `canaryService`/`stableService` and so need both (spec §1.11).
 * Istio with a DestinationRule splits by subset and ALB with ping-pong uses ping/pong services.
 */
export function requiresCanaryStableServices(r: Routers, pingPong: boolean): boolean {
  if (!r.set) return false;
  return (
    (r.alb && !pingPong) ||
    (r.istio && !r.istioDestinationRule) ||
    r.smi ||
    r.apisix ||
    r.ambassador ||
    r.nginx ||
    r.appMesh ||
    r.traefik
  );
}
