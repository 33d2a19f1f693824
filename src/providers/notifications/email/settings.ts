/** `service.email[.<name>]` settings, with upstream's keys (notifications-engine `EmailOptions`). */
export interface EmailSettings {
  host: string;
  port: number;
  /** `From:` as written (`Deploys <deploys@example.com>` or a bare address). */
  from: string;
  /** Authenticates only when both are set, as upstream does. */
  username?: string;
  password?: string;
  /** The body is HTML (`text/html`) rather than plain text. */
  html: boolean;
  /** Accept any certificate (self-signed relays); the connection is still encrypted. */
  insecureSkipVerify: boolean;
}

/** Every problem at once; values are never quoted, since `username`/`password` come from the Secret. */
export function parseEmailSettings(
  raw: Record<string, unknown>,
): { settings: EmailSettings } | { problems: string[] } {
  const problems: string[] = [];
  const text = (key: string, required: boolean): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null || v === '') {
      if (required) problems.push(`${key} is required`);
      return undefined;
    }
    if (typeof v === 'string') return v;
    problems.push(`${key} must be a string`);
    return undefined;
  };
  const flag = (key: string): boolean => {
    const v = raw[key];
    if (v === undefined || v === null) return false;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    problems.push(`${key} must be true or false`);
    return false;
  };

  const host = text('host', true);
  const port = parsePort(raw.port, problems);
  const from = text('from', true);
  if (from !== undefined && envelopeAddress(from) === undefined)
    problems.push('from must be an address (name@example.com or Name <name@example.com>)');
  const username = text('username', false);
  const password = text('password', false);
  const html = flag('html');
  const insecureSkipVerify = flag('insecure_skip_verify');
  if (problems.length > 0 || host === undefined || port === undefined || from === undefined)
    return { problems };
  return {
    settings: {
      host,
      port,
      from,
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      html,
      insecureSkipVerify,
    },
  };
}

function parsePort(v: unknown, problems: string[]): number | undefined {
  if (v === undefined || v === null || v === '') {
    problems.push('port is required');
    return undefined;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    problems.push('port must be a number from 1 to 65535');
    return undefined;
  }
  return n;
}

/**
 * The address SMTP's envelope needs from a header value: `a@b` from `Name <a@b>`, or the value
 * itself when it is a bare address; undefined when there is none.
 */
export function envelopeAddress(value: string): string | undefined {
  const angle = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (angle) return angle[1];
  const bare = value.trim();
  return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) ? bare : undefined;
}
