import { describe, expect, it } from 'vitest';
import {
  clusterAnalysisTemplatePath,
  eventsPath,
  namespacedCollectionPath,
  pdbPath,
  pdbStatusPath,
  podPath,
  replicaSetPath,
  replicaSetStatusPath,
  rolloutPath,
  rolloutStatusPath,
  servicePath,
} from '../../../src/adapters/kube/index.js';

describe('REST paths', () => {
  it.each([
    [rolloutPath('team', 'web'), '/apis/argoproj.io/v1alpha1/namespaces/team/rollouts/web'],
    [rolloutPath('team'), '/apis/argoproj.io/v1alpha1/namespaces/team/rollouts'],
    [rolloutPath(), '/apis/argoproj.io/v1alpha1/rollouts'],
    [
      rolloutStatusPath('team', 'web'),
      '/apis/argoproj.io/v1alpha1/namespaces/team/rollouts/web/status',
    ],
    [replicaSetPath('team', 'web-abc'), '/apis/apps/v1/namespaces/team/replicasets/web-abc'],
    [
      replicaSetStatusPath('team', 'web-abc'),
      '/apis/apps/v1/namespaces/team/replicasets/web-abc/status',
    ],
    [servicePath('team', 'web-canary'), '/api/v1/namespaces/team/services/web-canary'],
    [podPath('team'), '/api/v1/namespaces/team/pods'],
    [eventsPath('team'), '/api/v1/namespaces/team/events'],
    [pdbPath('team', 'web'), '/apis/policy/v1/namespaces/team/poddisruptionbudgets/web'],
    [
      pdbStatusPath('team', 'web'),
      '/apis/policy/v1/namespaces/team/poddisruptionbudgets/web/status',
    ],
    [
      clusterAnalysisTemplatePath('success-rate'),
      '/apis/argoproj.io/v1alpha1/clusteranalysistemplates/success-rate',
    ],
    [rolloutPath('team', 'a/b'), '/apis/argoproj.io/v1alpha1/namespaces/team/rollouts/a%2Fb'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    ['/api/v1/configmaps', 'dev', '/api/v1/namespaces/dev/configmaps'],
    [
      '/apis/argoproj.io/v1alpha1/rollouts',
      'dev',
      '/apis/argoproj.io/v1alpha1/namespaces/dev/rollouts',
    ],
  ])('scopes %s to namespace %s', (path, ns, expected) => {
    expect(namespacedCollectionPath(path, ns)).toBe(expected);
  });
});
