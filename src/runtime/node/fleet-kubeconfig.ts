import { parse, stringify } from 'yaml';

interface Named {
  name?: unknown;
  [field: string]: unknown;
}
interface SingleKubeconfig {
  clusters?: Named[];
  contexts?: Array<Named & { context?: Record<string, unknown> }>;
  users?: Named[];
  'current-context'?: string;
}

/**
 * One kubeconfig for the whole local fleet: each member's own (a devcluster's or a real control
 * plane's, one context each) with its cluster, context and user all renamed to the member's name,
 * so `kubectl --context fleet-2` reaches the second. The current context is the first member's.
 * Fields other than the names (certificates, tokens, namespace) are kept as they are.
 */
export function buildFleetKubeconfig(members: Array<{ name: string; kubeconfig: string }>): string {
  const merged = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [] as Named[],
    contexts: [] as Named[],
    users: [] as Named[],
    'current-context': members[0]?.name ?? '',
  };
  for (const { name, kubeconfig } of members) {
    const one = parse(kubeconfig) as SingleKubeconfig;
    const contextName = one['current-context'];
    const context = one.contexts?.find((c) => c.name === contextName);
    const cluster = one.clusters?.find((c) => c.name === context?.context?.cluster);
    const user = one.users?.find((u) => u.name === context?.context?.user);
    if (!context || !cluster || !user)
      throw new Error(`${name}: its kubeconfig has no complete current context`);
    merged.clusters.push({ ...cluster, name });
    merged.users.push({ ...user, name });
    merged.contexts.push({ name, context: { ...context.context, cluster: name, user: name } });
  }
  return stringify(merged);
}
