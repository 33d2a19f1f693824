import { goQuote } from './field-error.js';

/**
 * Upstream's validation message texts (spec §1.11; `pkg/apis/rollouts/validation/validation.go`).
 * Where the spec's pinned commit words a message differently from older upstream releases, the
 * spec wins; the ones that could not be checked against upstream source are marked UNCONFIRMED.
 */
export const MSG = {
  missingField: (name: string) => `Rollout has missing field '${name}'`,
  setWeight: (max: number) => `SetWeight needs to be between 0 and ${max}`,
  experimentWeightWithoutTrafficRouting:
    'Experiment template weight cannot be set unless TrafficRouting is enabled',
  experimentWeightRouter:
    'Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time',
  setCanaryScaleTrafficPolicy: 'SetCanaryScale requires TrafficRouting to be set',
  setHeaderRouteTrafficPolicy:
    'SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix',
  setMirrorRouteTrafficPolicy: 'SetMirrorRoute requires TrafficRouting, supports Istio and Plugins',
  stringMatchMultiple:
    'StringMatch match value must have exactly one of the following: exact, regex, prefix',
  stringMatchMissed:
    'StringMatch value missed, match value must have one of the following: exact, regex, prefix',
  setHeaderRouteAlbValue: "SetHeaderRoute match value invalid. ALB supports 'exact' value only",
  duration: 'Duration needs to be greater than 0',
  maxSurgeMaxUnavailable: 'MaxSurge and MaxUnavailable both can not be zero',
  /** Kubernetes' `validation.IsValidPercent` (apimachinery), with its double space before "or". */
  invalidPercent:
    "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
  /** Kubernetes' `ValidatePositiveIntOrPercent` for a value that is neither. */
  intOrPercent: "must be an integer or percentage (e.g '5%')",
  step: 'Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause',
  multipleStrategies: 'Multiple Strategies can not be listed',
  duplicatedServicesBlueGreen:
    'This rollout uses the same service for the active and preview services, but two different services are required.',
  duplicatedServicesCanary:
    'This rollout uses the same service for the stable and canary services, but two different services are required.',
  antiAffinityStrategy: 'AntiAffinity must have exactly one strategy listed',
  antiAffinityWeight: 'AntiAffinity weight must be between 1-100',
  scaleDownLimitLargerThanRevisionLimit:
    "This rollout's revision history limit can not be smaller than the rollout's scale down limit",
  trafficRoutingServices: 'Canary service and Stable service must to be set to use Traffic Routing',
  analysisArgs: 'Analyses arguments must refer to valid object metadata supported by downwardAPI',
  canaryScaleDownDelay: 'Canary scaleDownDelaySeconds can only be used with traffic routing',
  canaryDynamicStableScale: 'Canary dynamicStableScale can only be used with traffic routing',
  canaryDynamicStableScaleWithScaleDownDelay:
    'Canary dynamicStableScale cannot be used with scaleDownDelaySeconds',
  /** Spec §1.11 wording; the oldest stored upstream source reads "only support in". */
  canaryMaxWeightRouter:
    'Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins',
  pingPongServices: 'Ping service and Pong service must to be set to use Ping-Pong feature',
  duplicatedPingPongServices:
    'This rollout uses the same service for the ping and pong services, but two different services are required.',
  missedAlbRootService:
    'Root service field is required for the configuration with ALB and ping-pong feature enabled',
  /** UNCONFIRMED: upstream renamed this constant when Istio (and later plugins) gained ping-pong. */
  pingPongRouterOnly: 'Ping-pong feature works with the ALB and Istio traffic routing only',
  stepRouteNotInManagedRoutes:
    'Steps define a route that does not exist in spec.strategy.canary.trafficRouting.managedRoutes',
  templateForWorkloadRef: 'template must be empty for workload reference rollout',
  emptySelector: 'empty selector is invalid for deployment',
  invalidSelector: 'invalid label selector',
  progressDeadline: 'must be greater than minReadySeconds',
  nonNegative: 'must be greater than or equal to 0',
  selectorMismatch: '`selector` does not match template `labels`',
  serviceManagedByOther: (name: string) => `Service ${goQuote(name)} is managed by another Rollout`,
  serviceUnmatchLabel: (name: string, key: string) =>
    `Service ${goQuote(name)} has unmatch label ${goQuote(key)} in rollout`,
  serviceNotFound: (name: string) => `services ${goQuote(name)} not found`,
} as const;
