/**
 * Reads one `service.<type>[.<name>]` block (YAML as JSON, `$secret`s replaced). Every problem is
 * collected, named by its key and never quoting a value: any value may have come from the Secret.
 */
export class SettingsReader {
  readonly problems: string[] = [];

  constructor(private readonly raw: Record<string, unknown>) {}

  string(key: string, opts: { required?: boolean } = {}): string | undefined {
    const value = this.raw[key];
    if (value === undefined || value === null || value === '') {
      if (opts.required === true) this.problems.push(`\`${key}\` is required`);
      return undefined;
    }
    // YAML turns `port: 25` or `username: 123` into numbers; upstream's Go decoder takes them as text.
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value === 'string') return value;
    this.problems.push(`\`${key}\` must be a string`);
    return undefined;
  }

  url(key: string, opts: { required?: boolean } = {}): string | undefined {
    const value = this.string(key, opts);
    if (value === undefined) return undefined;
    if (isHttpUrl(value)) return value;
    this.problems.push(`\`${key}\` must be an absolute http(s) URL`);
    return undefined;
  }

  boolean(key: string): boolean {
    const value = this.raw[key];
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    this.problems.push(`\`${key}\` must be true or false`);
    return false;
  }

  /** A map of names to strings (`recipientUrls`, `serviceKeys`, `apiKeys`), each URL-checked if asked. */
  stringMap(
    key: string,
    opts: { required?: boolean; urls?: boolean } = {},
  ): Record<string, string> {
    const value = this.raw[key];
    if (value === undefined || value === null) {
      if (opts.required === true) this.problems.push(`\`${key}\` is required`);
      return {};
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.problems.push(
        `\`${key}\` must be a map of names to ${opts.urls === true ? 'URLs' : 'strings'}`,
      );
      return {};
    }
    const out: Record<string, string> = {};
    for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
      if (typeof entry !== 'string' || entry === '') {
        this.problems.push(`\`${key}.${name}\` must be a non-empty string`);
      } else if (opts.urls === true && !isHttpUrl(entry)) {
        this.problems.push(`\`${key}.${name}\` must be an absolute http(s) URL`);
      } else {
        out[name] = entry;
      }
    }
    if (opts.required === true && Object.keys(out).length === 0 && this.problems.length === 0) {
      this.problems.push(`\`${key}\` must name at least one entry`);
    }
    return out;
  }

  /** A value the service reads its own way (webhook `headers`, `basicAuth`). */
  value(key: string): unknown {
    return this.raw[key];
  }

  /** The parsed settings, or every problem found while reading them. */
  result<S>(settings: S): { settings: S } | { problems: string[] } {
    return this.problems.length === 0 ? { settings } : { problems: [...this.problems] };
  }
}

/** True when `value` is an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/** `base` + `/path`, keeping any path prefix of `base` (an API behind `/slack/api`). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Parts of a webhook URL shorter than this are not worth masking (`/`, `/hook`). */
const MIN_URL_PART = 8;

/**
 * What to mask for a webhook URL, which is itself the credential: the URL, its path and query
 * (a server quoting the request line shows those without the host) and each query value (Google
 * Chat's `key` and `token`).
 */
export function urlSecrets(url: string): string[] {
  try {
    const u = new URL(url);
    const parts = [u.pathname + u.search, u.pathname, u.search, ...u.searchParams.values()];
    return [url, ...parts.filter((p) => p.length >= MIN_URL_PART)];
  } catch {
    return [url];
  }
}
