type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** Long enough that a burst of clicks costs one lookup, short enough that a removal soon counts. */
const TTL_MS = 60_000;

/**
 * Members of Slack user groups, read with `usergroups.users.list` and the bot token, each group
 * cached for a minute. A lookup that fails (Slack's `ok: false`, a network error) counts as no
 * members, is logged, and is not cached: refusing a click is the safe side.
 */
export class SlackGroupMembers {
  private readonly cache = new Map<string, { members: readonly string[]; until: number }>();

  constructor(
    private readonly fetch: Fetch,
    private readonly apiUrl: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Whether `userId` is in any of `groups`, looking them up one by one until found. */
  async isMember(
    userId: string,
    groups: readonly string[],
    token: string | undefined,
    now: number,
  ) {
    for (const group of groups) {
      if ((await this.load(group, token, now)).includes(userId)) return true;
    }
    return false;
  }

  private async load(group: string, token: string | undefined, now: number) {
    const cached = this.cache.get(group);
    if (cached && cached.until > now) return cached.members;
    if (!token) {
      this.log(`slack hook: no bot token to resolve user group ${group}`);
      return [];
    }
    try {
      const url = `${this.apiUrl}/usergroups.users.list?usergroup=${encodeURIComponent(group)}`;
      const res = await this.fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { ok?: boolean; users?: unknown; error?: string };
      if (!res.ok || body.ok !== true || !Array.isArray(body.users)) {
        this.log(
          `slack hook: usergroups.users.list ${group}: ${body.error ?? `HTTP ${res.status}`}`,
        );
        return [];
      }
      const members = body.users.filter((u): u is string => typeof u === 'string');
      this.cache.set(group, { members, until: now + TTL_MS });
      return members;
    } catch (e) {
      this.log(`slack hook: usergroups.users.list ${group}: ${(e as Error).message}`);
      return [];
    }
  }
}
