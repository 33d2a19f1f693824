/** GitHub's REST error bodies: `{ message, errors?, documentation_url, status }` (status as a string). */

export const DOCS = 'https://docs.github.com/rest';

export interface FieldError {
  resource: string;
  field: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  message?: string;
  [extra: string]: unknown;
}

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: {
      errors?: unknown[];
      documentationUrl?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = 'GitHubApiError';
  }

  get code(): string {
    return `http_${this.status}`;
  }

  get retryable(): boolean {
    return this.status >= 500 || this.status === 429;
  }

  toBody(documentationUrl = DOCS): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.details.errors ? { errors: this.details.errors } : {}),
      documentation_url: this.details.documentationUrl ?? documentationUrl,
      status: String(this.status),
    };
  }
}

export const apiErrors = {
  notFound: (message = 'Not Found') => new GitHubApiError(404, message),
  badCredentials: () => new GitHubApiError(401, 'Bad credentials'),
  requiresAuthentication: () => new GitHubApiError(401, 'Requires authentication'),
  jwt: (message: string) => new GitHubApiError(401, message),
  forbidden: (message: string) => new GitHubApiError(403, message),
  problemsParsingJson: () => new GitHubApiError(400, 'Problems parsing JSON'),
  /** JSON-schema failures: `Invalid request.\n\n"ref" wasn't supplied.` */
  invalidRequest: (detail: string) => new GitHubApiError(422, `Invalid request.\n\n${detail}`),
  validationFailed: (...errors: FieldError[]) =>
    new GitHubApiError(422, 'Validation Failed', { errors }),
  unprocessable: (message: string, errors?: unknown[]) =>
    new GitHubApiError(422, message, errors ? { errors } : {}),
  conflict: (message: string, errors?: unknown[]) =>
    new GitHubApiError(409, message, errors ? { errors } : {}),
  noCommitForSha: (ref: string) => new GitHubApiError(422, `No commit found for SHA: ${ref}`),
};

/** Thrown by the in-process API (`gh.push` on an unknown repo…): a test-setup mistake, not an HTTP answer. */
export class DevGitHubError extends Error {
  readonly code = 'devgithub_usage';
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'DevGitHubError';
  }
}
