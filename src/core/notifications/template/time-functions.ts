import { parseRfc3339 } from './time-parse.js';
import { GoTime } from './time.js';

/**
 * The `.time` value argo-rollouts hands every notification template: `Now` is the instant the
 * notification is built for (passed in, never read from the machine); `Parse` reads RFC 3339 and
 * fails the render on anything else, as upstream's panicking parse does.
 */
export function buildTimeFunctions(now: number): {
  Now: () => GoTime;
  Parse: (s: string) => GoTime;
} {
  return {
    Now: () => new GoTime(now),
    Parse: (s: string) => {
      const time = parseRfc3339(s);
      if ('error' in time) throw new Error(time.error);
      return time;
    },
  };
}
