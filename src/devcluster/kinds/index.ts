import type { ResourceDef } from '../api/resource-def.js';
import {
  eventStrategy,
  namespaceStrategy,
  podStrategy,
  secretStrategy,
  serviceStrategy,
} from './core.js';
import { crdStrategy } from './crd.js';
import { customResourceStrategy } from './custom-resource.js';
import type { KindStrategy } from './kind-strategy.js';
import { deploymentStrategy, jobStrategy, replicaSetStrategy } from './workloads.js';

export type { KindStrategy, StrategyContext } from './kind-strategy.js';
export { BUILTIN_DEFS } from './builtin-defs.js';
export { establishedStatus, resourceDefsForCrd } from './crd.js';

const BUILTIN: Record<string, KindStrategy> = {
  '/Pod': podStrategy,
  '/Service': serviceStrategy,
  '/Namespace': namespaceStrategy,
  '/Secret': secretStrategy,
  '/Event': eventStrategy,
  'apps/ReplicaSet': replicaSetStrategy,
  'apps/Deployment': deploymentStrategy,
  'batch/Job': jobStrategy,
  'apiextensions.k8s.io/CustomResourceDefinition': crdStrategy,
};

const customCache = new WeakMap<ResourceDef, KindStrategy>();

export function strategyFor(def: ResourceDef): KindStrategy {
  if (def.crd) {
    let s = customCache.get(def);
    if (!s) customCache.set(def, (s = customResourceStrategy(def)));
    return s;
  }
  return BUILTIN[`${def.group}/${def.kind}`] ?? {};
}
