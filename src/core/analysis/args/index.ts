export { AnalysisArgsError, mergeArgs, mergeTemplates, type ResolvedTemplates } from './merge-args.js';
export { resolveRolloutArgs, type RolloutArgument } from './rollout-args.js';
export { plainArgValues, redact, substituteArgs } from './substitute.js';
