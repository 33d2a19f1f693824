import { parseSeenState, type SeenState } from '../../core/rollout/operations/index.js';
import { parseGoDurationMs } from '../../domain/go-duration.js';
import { ApiInputError } from './api-errors.js';

/** A DNS-1123 label or subdomain, which namespaces, Rollouts and containers are named with. */
const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export function parseName(value: string | undefined, what: string): string {
  if (value === undefined || !NAME.test(value))
    throw new ApiInputError(
      `invalid ${what} ${JSON.stringify(value ?? '')}: must be a lowercase DNS-1123 name`,
    );
  return value;
}

/** A revision number; 0 means the previous revision (spec §5 `undo --to-revision`). */
export function parseRevision(value: string | number | undefined): number {
  const text = String(value ?? '0');
  if (!/^[0-9]{1,9}$/.test(text))
    throw new ApiInputError(
      `invalid revision ${JSON.stringify(text)}: must be a non-negative integer`,
    );
  return Number(text);
}

/** An image reference: no whitespace, no control characters, at most 1 KiB. */
export function parseImage(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value === '' ||
    value.length > 1024 ||
    hasSpaceOrControl(value)
  ) {
    throw new ApiInputError(`invalid image ${JSON.stringify(value ?? '')}`);
  }
  return value;
}

function hasSpaceOrControl(value: string): boolean {
  return [...value].some(
    (ch) => /\s/.test(ch) || (ch.codePointAt(0) ?? 0) < 0x20 || ch === '\u007f',
  );
}

/** `set image` names a container or `*` for all of them. */
export function parseContainer(value: unknown): string {
  if (value === '*') return value;
  return parseName(typeof value === 'string' ? value : undefined, 'container name');
}

/** `restart --in`: a Go duration (`30s`, `5m`) or whole seconds; 0 when absent. */
export function parseRestartIn(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  const ms =
    typeof value === 'number'
      ? value * 1000
      : typeof value === 'string'
        ? /^[0-9]+$/.test(value)
          ? Number(value) * 1000
          : parseGoDurationMs(value)
        : undefined;
  if (ms === undefined || !Number.isFinite(ms) || ms < 0)
    throw new ApiInputError(
      `invalid restart delay ${JSON.stringify(value)}: use a duration such as 30s or 5m`,
    );
  return ms;
}

/** The JSON object body of a PUT; an empty body is `{}`. */
export async function readJsonBody(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiInputError('the request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiInputError('the request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** `true`/`false` from a query string or a JSON body. */
export function parseFlag(value: unknown, what: string): boolean {
  if (value === undefined || value === null || value === '' || value === false || value === 'false')
    return false;
  if (value === true || value === 'true') return true;
  throw new ApiInputError(`invalid ${what} ${JSON.stringify(value)}: must be true or false`);
}

/**
 * `stepIndex` and `podHash` (issue 15): the `status.currentStepIndex` and `status.currentPodHash`
 * the caller saw, from the query string or the JSON body. Either may be left out (or empty); the
 * operation is then bound to what the first read shows.
 */
export function parseSeenStateInput(stepIndex: unknown, podHash: unknown): SeenState {
  const parsed = parseSeenState(stepIndex, podHash, { stepIndex: 'stepIndex', podHash: 'podHash' });
  if ('invalid' in parsed) throw new ApiInputError(parsed.invalid);
  return parsed.seen;
}
