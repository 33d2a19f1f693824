export { SelectorError } from './selector-error.js';
export type { LabelOperator, LabelRequirement } from './label-requirement.js';
export {
  EVERYTHING,
  NOTHING,
  equalityTerms,
  formatLabelSelector,
  labelSelectorFromObject,
  matchesLabels,
  parseLabelSelector,
  type LabelSelector,
  type LabelSelectorObject,
} from './label-selector.js';
export {
  fieldTerms,
  formatFieldSelector,
  matchesFields,
  parseFieldSelector,
  validateFieldSelector,
  type FieldOperator,
  type FieldRequirement,
  type FieldSelector,
} from './field-selector.js';
export { fieldValue, supportedFieldsFor } from './field-values.js';
