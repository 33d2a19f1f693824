import {
  buildTemplateSource,
  LATEST_ANALYSIS,
  NAME,
  STEP_PROGRESS,
  type TemplateSpec,
} from './catalog-sections.js';
import type { TriggerCondition } from './types.js';

/**
 * The built-in triggers and templates (spec §6): upstream's trigger and template names with their
 * meanings, in this project's own words. Each applies unless the ConfigMap defines the same name.
 * Every trigger sends on every event of its reason (no `when`), as upstream's catalog does.
 */
const GREEN = '#2eb67d';
const BLUE = '#1d9bd1';
const AMBER = '#ecb22e';
const RED = '#e01e5a';

const ANALYSIS_NOTE =
  '{{with .analysisRuns}}{{with index . 0}}{{with .status.message}}Reason: {{.}}\n{{end}}{{end}}{{end}}';
const ANALYSIS_FACTS = [{ title: 'Analysis', value: LATEST_ANALYSIS }];

const SPECS: Readonly<Record<string, { trigger: string; spec: TemplateSpec }>> = {
  'rollout-completed': {
    trigger: 'on-rollout-completed',
    spec: { headline: `${NAME} is fully rolled out: the new revision is now stable`, color: GREEN },
  },
  'rollout-step-completed': {
    trigger: 'on-rollout-step-completed',
    spec: {
      headline: `${NAME} moved past a canary step (${STEP_PROGRESS} done)`,
      color: BLUE,
      facts: [{ title: 'Steps done', value: STEP_PROGRESS }],
    },
  },
  'rollout-updated': {
    trigger: 'on-rollout-updated',
    spec: { headline: `${NAME} started rolling out a new revision`, color: BLUE },
  },
  'rollout-aborted': {
    trigger: 'on-rollout-aborted',
    spec: {
      headline: `${NAME} was aborted: traffic went back to the stable revision`,
      color: RED,
      note: '{{with .rollout.status.message}}Why: {{.}}\n{{end}}',
    },
  },
  'rollout-paused': {
    trigger: 'on-rollout-paused',
    spec: {
      headline: `${NAME} is paused and waiting for a decision`,
      color: AMBER,
      facts: [{ title: 'Steps done', value: STEP_PROGRESS }],
      approval: true,
    },
  },
  'scaling-replicaset': {
    trigger: 'on-scaling-replica-set',
    spec: {
      headline: `${NAME} resized one of its ReplicaSets`,
      color: BLUE,
      facts: [
        { title: 'Desired', value: '{{or .rollout.spec.replicas 1}}' },
        { title: 'Ready', value: '{{or .rollout.status.readyReplicas 0}}' },
        { title: 'Updated', value: '{{or .rollout.status.updatedReplicas 0}}' },
      ],
    },
  },
  'analysis-run-running': {
    trigger: 'on-analysis-run-running',
    spec: { headline: `An analysis of ${NAME} is under way`, color: BLUE, facts: ANALYSIS_FACTS },
  },
  'analysis-run-error': {
    trigger: 'on-analysis-run-error',
    spec: {
      headline: `The analysis of ${NAME} could not take its measurements`,
      color: AMBER,
      facts: ANALYSIS_FACTS,
      note: ANALYSIS_NOTE,
      approval: true,
    },
  },
  'analysis-run-failed': {
    trigger: 'on-analysis-run-failed',
    spec: {
      headline: `The analysis of ${NAME} failed its success criteria`,
      color: RED,
      facts: ANALYSIS_FACTS,
      note: ANALYSIS_NOTE,
      approval: true,
    },
  },
};

/** `template.<name>` sources of the catalog, by template name. */
export const BUILT_IN_TEMPLATES: Readonly<Record<string, Record<string, unknown>>> =
  Object.fromEntries(
    Object.entries(SPECS).map(([name, { spec }]) => [name, buildTemplateSource(spec)]),
  );

/** `trigger.<name>` of the catalog: each sends its template whenever its event happens. */
export const BUILT_IN_TRIGGERS: Readonly<Record<string, readonly TriggerCondition[]>> =
  Object.fromEntries(
    Object.entries(SPECS).map(([template, { trigger }]) => [trigger, [{ send: [template] }]]),
  );
