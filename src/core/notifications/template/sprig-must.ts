import type { FunctionTable } from './function.js';
import { SPRIG_ENCODING } from './sprig-encoding.js';
import { SPRIG_LISTS } from './sprig-lists.js';
import { SPRIG_REGEX } from './sprig-regex.js';

/**
 * sprig's `must*` variants return an error where the plain ones panic; Go's template turns both
 * into a failed call, so here they are the same functions under the other name.
 */
const LIST_NAMES = [
  'first',
  'rest',
  'last',
  'initial',
  'reverse',
  'uniq',
  'without',
  'has',
  'slice',
  'chunk',
  'append',
  'push',
  'prepend',
  'compact',
  'merge',
  'mergeOverwrite',
] as const;
const ENCODING_NAMES = ['toJson', 'toPrettyJson', 'toRawJson'] as const;
const REGEX_NAMES = [
  'regexFind',
  'regexFindAll',
  'regexReplaceAll',
  'regexReplaceAllLiteral',
  'regexSplit',
] as const;

const must = (name: string): string => `must${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;

export const SPRIG_MUST: FunctionTable = Object.fromEntries([
  ...LIST_NAMES.map((name) => [must(name), SPRIG_LISTS[name]]),
  ...ENCODING_NAMES.map((name) => [must(name), SPRIG_ENCODING[name]]),
  ...REGEX_NAMES.map((name) => [must(name), SPRIG_REGEX[name]]),
]);
