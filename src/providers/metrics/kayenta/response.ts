import { isRecord, parseJson } from '../shared/json.js';
import { excerpt, fail, ok, type Step } from '../shared/outcome.js';

/** Status, then JSON: what every Kayenta answer goes through. */
export function readKayentaJson(status: number, body: string, what: string): Step<unknown> {
  if (status < 200 || status >= 300)
    return fail(`${what} answered HTTP ${status}: ${excerpt(body)}`);
  const json = parseJson(body);
  return json.ok ? json : fail(`could not parse ${what} response: ${json.message}`);
}

/** The id of the canary config called `name` in a `/canaryConfig` listing. */
export function findCanaryConfigId(json: unknown, name: string, application: string): Step<string> {
  if (!Array.isArray(json)) return fail('unexpected Kayenta canaryConfig response: not a list');
  const found = (json as unknown[]).find((c) => isRecord(c) && c['name'] === name);
  if (!isRecord(found) || typeof found['id'] !== 'string' || found['id'] === '') {
    return fail(
      `canary config ${JSON.stringify(name)} not found for application ${JSON.stringify(application)}`,
    );
  }
  return ok(found['id']);
}

export function readExecutionId(json: unknown): Step<string> {
  const id = isRecord(json) ? json['canaryExecutionId'] : undefined;
  return typeof id === 'string' && id !== ''
    ? ok(id)
    : fail('Kayenta did not return a canaryExecutionId');
}

export type ExecutionState = { complete: false } | { complete: true; score: number };

/** `complete` and, when complete, `result.judgeResult.score.score`. */
export function readExecutionState(json: unknown, executionId: string): Step<ExecutionState> {
  if (!isRecord(json) || typeof json['complete'] !== 'boolean')
    return fail(
      `unexpected Kayenta response for canary execution ${executionId}: complete is missing`,
    );
  if (!json['complete']) return ok({ complete: false });
  const score = dig(json, ['result', 'judgeResult', 'score', 'score']);
  if (typeof score === 'number' && Number.isFinite(score)) return ok({ complete: true, score });
  const status = typeof json['status'] === 'string' ? ` (status ${json['status']})` : '';
  const exception =
    json['exception'] === undefined || json['exception'] === null
      ? ''
      : `: ${excerpt(JSON.stringify(json['exception']))}`;
  return fail(`canary execution ${executionId} completed without a score${status}${exception}`);
}

/** Upstream compares the score truncated to an integer: ≥ pass ⇒ Successful, ≥ marginal ⇒ Inconclusive, else Failed. */
export function assessScore(
  score: number,
  threshold: { pass: number; marginal: number },
): 'Successful' | 'Inconclusive' | 'Failed' {
  const whole = Math.trunc(score);
  if (whole >= threshold.pass) return 'Successful';
  return whole >= threshold.marginal ? 'Inconclusive' : 'Failed';
}

function dig(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), value);
}
