/**
 * What a metric provider reports for one measurement (DESIGN §2: providers return a value, a
 * pending state with a resume time, or an error — as data, never an exception). The engine, not
 * the provider, evaluates successCondition/failureCondition over `result`.
 */
export type ProviderOutcome =
  /** A value: `result` is what conditions see (number, number[], object, string, null); `value` is the status string. */
  | { kind: 'value'; result: unknown; value: string; metadata?: Record<string, string> }
  /** Still running (async providers: job, kayenta); look again at `resumeAt` (ms). */
  | { kind: 'pending'; resumeAt: number; metadata?: Record<string, string> }
  /** The provider itself decided the phase (job: Job complete/failed; kayenta: score thresholds). */
  | {
      kind: 'decided';
      phase: 'Successful' | 'Failed' | 'Inconclusive';
      value?: string;
      message?: string;
      metadata?: Record<string, string>;
    }
  /** Anything that went wrong: timeouts, HTTP errors, bad bodies, bad config. Becomes an Error measurement. */
  | { kind: 'error'; message: string; metadata?: Record<string, string> };
