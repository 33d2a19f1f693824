export {
  AnalysisArgsError,
  mergeArgs,
  mergeTemplates,
  type ResolvedTemplates,
} from './merge-args.js';
export { resolveRolloutArgs, type RolloutArgument } from './rollout-args.js';
export { PLACEHOLDER, plainArgValues, substituteArgs } from './substitute.js';
export { resolveFieldRef } from './field-ref.js';
