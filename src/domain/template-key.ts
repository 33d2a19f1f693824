/**
 * How an AnalysisTemplate reference is keyed in the templates a reconcile loads: its name, or
 * `cluster/<name>` for a ClusterAnalysisTemplate (the two kinds may share a name).
 */
export function templateKey(ref: { templateName: string; clusterScope?: boolean }): string {
  return ref.clusterScope ? `cluster/${ref.templateName}` : ref.templateName;
}
