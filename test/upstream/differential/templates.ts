/** AnalysisTemplates of the differential scenarios (written for these tests). */

/** One Web measurement of `{$.ready}`; it fails at the first `false` (failureLimit 0). */
export function aWebCheck(o: { name: string; namespace: string; url: string }): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: o.name, namespace: o.namespace },
    spec: {
      metrics: [{
        name: 'ready',
        count: 1,
        failureLimit: 0,
        successCondition: 'result == true',
        provider: { web: { url: o.url, jsonPath: '{$.ready}' } },
      }],
    },
  };
}
