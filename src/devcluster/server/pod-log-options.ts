import { errors } from '../api/status-error.js';
import { fieldError } from '../schema/field-error.js';
import type { FieldError } from '../schema/types.js';
import { goQuote, parseQueryBool, parseQueryInt64 } from './query-values.js';
import { invalidOptions } from './request-options.js';

export interface PodLogOptions {
  container?: string;
  follow: boolean;
  tailLines?: number;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * PodLogOptions from the query (core/v1 conversion, then ValidatePodLogOptions with stream
 * selection off, as in kube-apiserver 1.37's defaults). The devcluster writes no logs, but a
 * client's bad options get the API server's answers.
 */
export function parsePodLogOptions(q: URLSearchParams, pod: string): PodLogOptions {
  const follow = parseQueryBool(q, 'follow') ?? false;
  parseQueryBool(q, 'previous');
  const sinceSeconds = parseQueryInt64(q, 'sinceSeconds');
  const sinceTime = q.get('sinceTime');
  if (sinceTime !== null && !RFC3339.test(sinceTime)) {
    // Go's time.Parse error, for the usual case of a value that is no time at all.
    throw errors.badRequest(
      `parsing time ${goQuote(sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${goQuote(sinceTime)} as "2006"`,
    );
  }
  parseQueryBool(q, 'timestamps');
  const tailLines = parseQueryInt64(q, 'tailLines');
  const limitBytes = parseQueryInt64(q, 'limitBytes');
  parseQueryBool(q, 'insecureSkipTLSVerifyBackend');
  const errs: FieldError[] = [];
  if (tailLines !== undefined && tailLines < 0)
    errs.push(fieldError.invalid('tailLines', tailLines, 'must be greater than or equal to 0'));
  if (limitBytes !== undefined && limitBytes < 1)
    errs.push(fieldError.invalid('limitBytes', limitBytes, 'must be greater than 0'));
  if (sinceSeconds !== undefined && sinceTime !== null) {
    errs.push({
      ...fieldError.forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'),
      field: '[]',
    });
  } else if (sinceSeconds !== undefined && sinceSeconds < 1)
    errs.push(fieldError.invalid('sinceSeconds', sinceSeconds, 'must be greater than 0'));
  if (q.get('stream') !== null) errs.push(fieldError.forbidden('stream', 'may not be specified'));
  if (errs.length > 0) throw invalidOptions('PodLogOptions', errs, { name: pod });
  const container = q.get('container');
  return {
    ...(container !== null ? { container } : {}),
    follow,
    ...(tailLines !== undefined ? { tailLines } : {}),
  };
}
