/**
 * A value loaded on demand and kept until it expires or is invalidated. Callers that ask while it
 * loads share the one load; a failed load is not kept, so the next call tries again.
 */
export interface RefreshingValue<T> {
  get(): Promise<T>;
  /** Forgets `used` if it is still the kept value; true when it was (a later `get` loads anew). */
  invalidate(used: object): boolean;
}

export function createRefreshingValue<T extends { expiresAt?: number }>(
  load: () => Promise<T>,
  now: () => number,
): RefreshingValue<T> {
  let pending: Promise<T> | undefined;
  let kept: T | undefined;
  const fresh = () => kept === undefined || kept.expiresAt === undefined || now() < kept.expiresAt;
  return {
    get() {
      if (pending && fresh()) return pending;
      const loading = load();
      pending = loading;
      kept = undefined;
      loading.then(
        (value) => {
          if (pending === loading) kept = value;
        },
        () => {
          if (pending === loading) pending = undefined;
        },
      );
      return loading;
    },
    invalidate(used) {
      if (kept !== used) return false;
      pending = undefined;
      kept = undefined;
      return true;
    },
  };
}
