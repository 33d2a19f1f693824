/**
 * REST paths of the resources the controller touches. `namespace` undefined means all namespaces
 * (a cluster-wide list or watch); `name` undefined means the collection.
 */
export type PathBuilder = (namespace?: string, name?: string) => string;

/** `/api/v1` for the core group, `/apis/<group>/<version>` otherwise. */
export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
}

export function resourcePath(group: string, version: string, plural: string): PathBuilder {
  const base = groupVersionPath(group, version);
  return (namespace, name) => {
    const ns = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
    return `${base}${ns}/${plural}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
  };
}

function statusOf(path: PathBuilder): (namespace: string, name: string) => string {
  return (namespace, name) => `${path(namespace, name)}/status`;
}

export const rolloutPath = resourcePath('argoproj.io', 'v1alpha1', 'rollouts');
export const rolloutStatusPath = statusOf(rolloutPath);
export const analysisRunPath = resourcePath('argoproj.io', 'v1alpha1', 'analysisruns');
export const analysisRunStatusPath = statusOf(analysisRunPath);
export const analysisTemplatePath = resourcePath('argoproj.io', 'v1alpha1', 'analysistemplates');
export const experimentPath = resourcePath('argoproj.io', 'v1alpha1', 'experiments');
export const experimentStatusPath = statusOf(experimentPath);
export const replicaSetPath = resourcePath('apps', 'v1', 'replicasets');
export const replicaSetStatusPath = statusOf(replicaSetPath);
export const servicePath = resourcePath('', 'v1', 'services');
export const serviceStatusPath = statusOf(servicePath);
export const podPath = resourcePath('', 'v1', 'pods');
export const podStatusPath = statusOf(podPath);
export const pdbPath = resourcePath('policy', 'v1', 'poddisruptionbudgets');
export const pdbStatusPath = statusOf(pdbPath);
/** core/v1 Events: what `kubectl describe` shows (spec: events the controller records). */
export const eventsPath = resourcePath('', 'v1', 'events');

export function clusterAnalysisTemplatePath(name?: string): string {
  return `/apis/argoproj.io/v1alpha1/clusteranalysistemplates${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

/**
 * The namespaced form of a cluster-wide collection path: `/api/v1/configmaps` →
 * `/api/v1/namespaces/<ns>/configmaps` (the relay watches one namespace at a time this way).
 */
export function namespacedCollectionPath(collectionPath: string, namespace: string): string {
  const cut = collectionPath.lastIndexOf('/');
  return `${collectionPath.slice(0, cut)}/namespaces/${encodeURIComponent(namespace)}${collectionPath.slice(cut)}`;
}

export const configMapPath = resourcePath('', 'v1', 'configmaps');

/**
 * The path of a namespaced object from its apiVersion and kind, with the regular plural
 * (lower-case kind + `s`, `es` after an `s`): Ingress → ingresses, VirtualService →
 * virtualservices, HTTPRoute → httproutes. Every kind a traffic router touches follows it, so
 * routed objects need no discovery read per reconcile.
 */
export function routedObjectPath(ref: {
  apiVersion: string;
  kind: string;
  namespace: string;
  name?: string;
}): string {
  const [group, version] = ref.apiVersion.includes('/')
    ? (ref.apiVersion.split('/', 2) as [string, string])
    : ['', ref.apiVersion];
  const lower = ref.kind.toLowerCase();
  const plural = lower.endsWith('s') ? `${lower}es` : `${lower}s`;
  const base = `${groupVersionPath(group, version)}/namespaces/${encodeURIComponent(ref.namespace)}/${plural}`;
  return ref.name === undefined ? base : `${base}/${encodeURIComponent(ref.name)}`;
}
