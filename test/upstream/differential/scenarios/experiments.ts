/** Experiment steps of a canary: the Experiment's name, labels and phase, and its analysis. */
import { aCanaryRollout, aWebTemplate } from '../../manifests.js';
import type { Scenario } from '../harness.js';
import { promote, setImage } from './steps.js';

/**
 * Same phase on both sides, other labels: upstream labels a step's Experiment with the Rollout's
 * own labels and the hash, and its AnalysisRuns with none; ours adds the selector labels and
 * step-index (how it finds a step's Experiment), and the hash and the Experiment's uid on its runs.
 */
const SAME_PHASE_OTHER_LABELS = {
  pattern: /: (experiment|analysisrun) \S+: upstream "(\w+) \[[^\]]*\] health .*", ours "\2 \[/,
  reason:
    "labels of a step's Experiment and its AnalysisRuns: ours adds the selector labels and step-index, and on runs the hash and the Experiment's uid, by which it finds them",
};
const RUN_EVENTS_ON_ROLLOUT = {
  pattern: /: events Rollout: AnalysisRun\w+ only upstream$/,
  reason:
    "upstream also announces on the Rollout the phases of the Experiment's AnalysisRuns; ours announces them on the Experiment",
};

/**
 * Upstream sometimes runs an Experiment's analysis a second time (`…-probe.1`; seen in the passing
 * and in the failing experiment scenarios, not in every run): a reconcile that reads the
 * Experiment's status before the write naming the first run lands finds no run named
 * (experiments/experiment.go reconcileAnalysisRun, `prevStatus.AnalysisRun == ""`) and creates
 * one; the name is taken, and CreateWithCollisionCounter (utils/analysis/helpers.go) reuses the
 * existing run only while it is not completed, so a run that already completed gets a `.1` twin
 * that measures again. Ours finds the run by its name and adopts it
 * (test/core/experiment/analysis-run-once.test.ts).
 */
const SECOND_RUN_ON_STALE_STATUS = {
  pattern:
    /: analysisrun \S+-probe\.\d+: upstream "(Successful|Failed|Error|Inconclusive) \[[^\]]*\] health .*", ours "\(absent\)"$/,
  reason:
    "upstream's second run of the same analysis, created when it reconciled a stale Experiment status after the first run had completed; ours runs each analysis once",
};

const withExperiment = (
  name: string,
  path: string,
  experiment: object,
  explained: NonNullable<Scenario['explained']> = [],
): Scenario => ({
  name,
  explained: [
    SAME_PHASE_OTHER_LABELS,
    RUN_EVENTS_ON_ROLLOUT,
    SECOND_RUN_ON_STALE_STATUS,
    ...explained,
  ],
  rollout: 'web',
  objects: (ns, probe) => [
    aWebTemplate({
      name: 'check',
      namespace: ns,
      url: `${probe}/${path}`,
      count: 1,
      failureLimit: 0,
    }),
    aCanaryRollout({
      name: 'web',
      namespace: ns,
      replicas: 2,
      steps: [{ experiment }, { setWeight: 50 }, { pause: {} }],
    }),
  ],
  steps: [setImage('nginx:1.26'), promote],
});

export const EXPERIMENTS: Scenario[] = [
  withExperiment('canary-experiment-passes', 'ready', {
    duration: '3s',
    templates: [{ name: 'canary', specRef: 'canary', replicas: 1 }],
    analyses: [{ name: 'probe', templateName: 'check' }],
  }),
  withExperiment('canary-experiment-analysis-fails', 'broken', {
    templates: [
      { name: 'baseline', specRef: 'stable', replicas: 1 },
      { name: 'canary', specRef: 'canary', replicas: 1 },
    ],
    analyses: [{ name: 'probe', templateName: 'check' }],
  }),
];
