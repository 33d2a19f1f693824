/** A fixed one-hour window per budget, as GitHub's primary (`core`) rate limit. */
export interface RateWindow {
  limit: number;
  used: number;
  remaining: number;
  /** Unix seconds. */
  reset: number;
}

const WINDOW_MS = 60 * 60 * 1000;

export class RateLimiter {
  private readonly windows = new Map<string, { startedAt: number; used: number }>();

  private window(key: string, now: number): { startedAt: number; used: number } {
    const w = this.windows.get(key);
    if (w && now < w.startedAt + WINDOW_MS) return w;
    const fresh = { startedAt: now, used: 0 };
    this.windows.set(key, fresh);
    return fresh;
  }

  private view(w: { startedAt: number; used: number }, limit: number): RateWindow {
    return {
      limit,
      used: w.used,
      remaining: Math.max(0, limit - w.used),
      reset: Math.ceil((w.startedAt + WINDOW_MS) / 1000),
    };
  }

  peek(key: string, limit: number, now: number): RateWindow {
    return this.view(this.window(key, now), limit);
  }

  /** Spends one request; `allowed` is false once the budget is used up (the refused request costs nothing). */
  take(key: string, limit: number, now: number): { allowed: boolean; window: RateWindow } {
    const w = this.window(key, now);
    if (w.used >= limit) return { allowed: false, window: this.view(w, limit) };
    w.used++;
    return { allowed: true, window: this.view(w, limit) };
  }
}

export function rateLimitHeaders(w: RateWindow): Record<string, string> {
  return {
    'x-ratelimit-limit': String(w.limit),
    'x-ratelimit-remaining': String(w.remaining),
    'x-ratelimit-reset': String(w.reset),
    'x-ratelimit-used': String(w.used),
    'x-ratelimit-resource': 'core',
  };
}
