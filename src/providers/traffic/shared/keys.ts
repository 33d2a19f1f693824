/**
 * Annotation keys the traffic routers write on objects they do not own. They belong with the
 * others in `src/domain/keys.ts`; kept here until that shared file can take them.
 */
export const TRAFFIC_KEYS = {
  /** Upstream's ALB bookkeeping: JSON `{ "<rollout>": ["<annotation key>", …] }` (spec §4.2). */
  albManagedAnnotations: 'rollouts.argoproj.io/managed-alb-annotations',
  /**
   * The Gateway API router's bookkeeping on each HTTPRoute it adds rules to (the plugin keeps it in
   * a ConfigMap): JSON `{ "<rollout>": { "<managed route>": [<rule as written>, …] } }`.
   */
  gatewayApiManaged: 'rollouts.serverless.dev/gateway-api-managed',
} as const;
