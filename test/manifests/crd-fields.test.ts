// What our CRD schemas model: which fields are typed, int-or-string or opaque (preserve-unknown), which kinds
// share schemas, and the documented spec and status fields of each kind.
import { describe, expect, it } from 'vitest';
import { GROUP, crdNamed, crdSchema, loadCrds, pathsWhere, schemaAt } from './helpers.js';

const crds = loadCrds();
const schemaOf = (name: string) => crdSchema(crdNamed(crds, name));

describe('typed vs opaque fields', () => {
  const metricIntOrString = [
    'count',
    'failureLimit',
    'inconclusiveLimit',
    'consecutiveErrorLimit',
    'consecutiveSuccessLimit',
  ].map((f) => `spec.metrics[].${f}`);
  const providers = [
    'cloudWatch',
    'datadog',
    'graphite',
    'influxdb',
    'job.spec',
    'kayenta',
    'newRelic',
    'plugin',
    'prometheus',
    'skywalking',
    'wavefront',
    'web',
  ].map((p) => `spec.metrics[].provider.${p}`);

  it('Rollout: int-or-string exactly at maxSurge, maxUnavailable and pause.duration', () => {
    expect(
      pathsWhere(schemaOf('rollouts.argoproj.io'), (n) => n['x-kubernetes-int-or-string'] === true),
    ).toEqual(
      [
        'spec.strategy.blueGreen.maxUnavailable',
        'spec.strategy.canary.maxSurge',
        'spec.strategy.canary.maxUnavailable',
        'spec.strategy.canary.steps[].pause.duration',
      ].sort(),
    );
  });

  it('Rollout: only the pod template spec, plugin configs and plugin step status are opaque', () => {
    expect(
      pathsWhere(
        schemaOf('rollouts.argoproj.io'),
        (n) => n['x-kubernetes-preserve-unknown-fields'] === true,
      ),
    ).toEqual(
      [
        'spec.template.spec',
        'spec.strategy.canary.steps[].plugin.config',
        'spec.strategy.canary.trafficRouting.plugins',
        'status.canary.stepPluginStatuses[].status',
      ].sort(),
    );
  });

  it.each(['analysistemplates', 'clusteranalysistemplates', 'analysisruns'])(
    '%s: metric limits are int-or-string, provider configs opaque',
    (plural) => {
      const schema = schemaOf(`${plural}.${GROUP}`);
      expect(pathsWhere(schema, (n) => n['x-kubernetes-int-or-string'] === true)).toEqual(
        [...metricIntOrString].sort(),
      );
      expect(pathsWhere(schema, (n) => n['x-kubernetes-preserve-unknown-fields'] === true)).toEqual(
        [...providers].sort(),
      );
    },
  );

  it('Experiment: only the pod template specs are opaque', () => {
    const schema = schemaOf('experiments.argoproj.io');
    expect(pathsWhere(schema, (n) => n['x-kubernetes-int-or-string'] === true)).toEqual([]);
    expect(pathsWhere(schema, (n) => n['x-kubernetes-preserve-unknown-fields'] === true)).toEqual([
      'spec.templates[].template.spec',
    ]);
  });

  it('the two template kinds share one spec schema', () => {
    expect(schemaOf('clusteranalysistemplates.argoproj.io').properties?.spec).toEqual(
      schemaOf('analysistemplates.argoproj.io').properties?.spec,
    );
  });

  it('AnalysisRun metrics are the template metrics', () => {
    expect(schemaAt(schemaOf('analysisruns.argoproj.io'), 'spec.metrics')).toEqual(
      schemaAt(schemaOf('analysistemplates.argoproj.io'), 'spec.metrics'),
    );
  });

  it('Rollout top-level spec fields are all typed', () => {
    const spec = schemaAt(schemaOf('rollouts.argoproj.io'), 'spec');
    expect(Object.keys(spec.properties ?? {}).sort()).toEqual(
      [
        'analysis',
        'minReadySeconds',
        'paused',
        'progressDeadlineAbort',
        'progressDeadlineSeconds',
        'replicas',
        'restartAt',
        'revisionHistoryLimit',
        'rollbackWindow',
        'selector',
        'strategy',
        'template',
        'workloadRef',
      ].sort(),
    );
    expect(Object.keys(schemaAt(spec, 'strategy').properties ?? {}).sort()).toEqual([
      'blueGreen',
      'canary',
    ]);
    expect(Object.keys(schemaAt(spec, 'strategy.canary.steps[]').properties ?? {}).sort()).toEqual(
      [
        'analysis',
        'experiment',
        'pause',
        'plugin',
        'setCanaryScale',
        'setHeaderRoute',
        'setMirrorRoute',
        'setWeight',
      ].sort(),
    );
    expect(
      Object.keys(schemaAt(spec, 'strategy.canary.trafficRouting').properties ?? {}).sort(),
    ).toEqual(
      [
        'alb',
        'ambassador',
        'apisix',
        'appMesh',
        'istio',
        'managedRoutes',
        'maxTrafficWeight',
        'nginx',
        'plugins',
        'smi',
        'traefik',
      ].sort(),
    );
    expect(schemaAt(spec, 'template.metadata.labels')).toEqual({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
    expect(schemaAt(spec, 'template.metadata.annotations')).toEqual({
      type: 'object',
      additionalProperties: { type: 'string' },
    });
  });

  it('Rollout selector is immutable (CEL transition rule)', () => {
    const rules =
      schemaAt(schemaOf('rollouts.argoproj.io'), 'spec.selector')['x-kubernetes-validations'] ?? [];
    expect(rules.map((r) => r.rule)).toEqual(['self == oldSelf']);
  });

  it('Rollout status models every documented field', () => {
    const status = schemaAt(schemaOf('rollouts.argoproj.io'), 'status');
    expect(Object.keys(status.properties ?? {}).sort()).toEqual(
      [
        'HPAReplicas',
        'abort',
        'abortedAt',
        'alb',
        'albs',
        'availableReplicas',
        'blueGreen',
        'canary',
        'collisionCount',
        'conditions',
        'controllerPause',
        'currentPodHash',
        'currentStepHash',
        'currentStepIndex',
        'duration',
        'message',
        'observedGeneration',
        'pauseConditions',
        'phase',
        'promoteFull',
        'readyReplicas',
        'replicas',
        'restartedAt',
        'selector',
        'stableRS',
        'updatedReplicas',
        'workloadObservedGeneration',
      ].sort(),
    );
    expect(schemaAt(status, 'observedGeneration').type).toBe('string');
    expect(Object.keys(schemaAt(status, 'canary').properties ?? {}).sort()).toEqual(
      [
        'currentBackgroundAnalysisRunStatus',
        'currentExperiment',
        'currentStepAnalysisRunStatus',
        'stablePingPong',
        'stepPluginStatuses',
        'weights',
      ].sort(),
    );
    expect(Object.keys(schemaAt(status, 'canary.weights').properties ?? {}).sort()).toEqual([
      'additional',
      'canary',
      'stable',
      'verified',
    ]);
    expect(Object.keys(schemaAt(status, 'blueGreen').properties ?? {}).sort()).toEqual(
      [
        'activeSelector',
        'postPromotionAnalysisRunStatus',
        'prePromotionAnalysisRunStatus',
        'previewSelector',
        'scaleUpPreviewCheckPoint',
      ].sort(),
    );
    expect(Object.keys(schemaAt(status, 'duration').properties ?? {}).sort()).toEqual(
      [
        'completionStatus',
        'finishedAt',
        'manualPauseStartedAt',
        'rolloutStartedAt',
        'totalManualPauseDurationSeconds',
      ].sort(),
    );
  });

  it('AnalysisRun and Experiment status model every documented field', () => {
    const ar = schemaAt(schemaOf('analysisruns.argoproj.io'), 'status');
    expect(Object.keys(ar.properties ?? {}).sort()).toEqual(
      [
        'completedAt',
        'dryRunSummary',
        'message',
        'metricResults',
        'phase',
        'runSummary',
        'startedAt',
      ].sort(),
    );
    expect(Object.keys(schemaAt(ar, 'metricResults[]').properties ?? {}).sort()).toEqual(
      [
        'consecutiveError',
        'consecutiveSuccess',
        'count',
        'dryRun',
        'error',
        'failed',
        'inconclusive',
        'measurements',
        'message',
        'metadata',
        'name',
        'phase',
        'successful',
      ].sort(),
    );
    expect(
      Object.keys(schemaAt(ar, 'metricResults[].measurements[]').properties ?? {}).sort(),
    ).toEqual(
      ['finishedAt', 'message', 'metadata', 'phase', 'resumeAt', 'startedAt', 'value'].sort(),
    );
    const exp = schemaAt(schemaOf('experiments.argoproj.io'), 'status');
    expect(Object.keys(exp.properties ?? {}).sort()).toEqual(
      ['analysisRuns', 'availableAt', 'conditions', 'message', 'phase', 'templateStatuses'].sort(),
    );
    expect(Object.keys(schemaAt(exp, 'templateStatuses[]').properties ?? {}).sort()).toEqual(
      [
        'availableReplicas',
        'collisionCount',
        'lastTransitionTime',
        'message',
        'name',
        'podTemplateHash',
        'readyReplicas',
        'replicas',
        'serviceName',
        'status',
        'updatedReplicas',
      ].sort(),
    );
  });
});
