import type { RolloutOperation } from './operation.js';

const FORMS: Record<string, RolloutOperation> = {
  promote: 'promote',
  'promote --full': 'promoteFull',
  'promote-full': 'promoteFull',
  promotefull: 'promoteFull',
  abort: 'abort',
  retry: 'retry',
  pause: 'pause',
  resume: 'resume',
  restart: 'restart',
};

/** The operation a command names (`promote --full`, `Abort`…), for command parsers; undefined for anything else. */
export function parseOperation(text: string): RolloutOperation | undefined {
  const normal = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return Object.hasOwn(FORMS, normal) ? FORMS[normal] : undefined;
}
