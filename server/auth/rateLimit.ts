// Login throttling: a sliding window of attempts per key (username, IP). Kept
// in memory: a restart forgets it, which is acceptable for a single process.
export interface RateLimiterOptions {
  /** Attempts allowed within the window. */
  max: number;
  windowMs: number;
  now?: () => number;
}

export interface RateLimiter {
  /** Milliseconds until the next attempt is allowed for `key`; 0 if allowed now. */
  retryAfter(key: string): number;
  record(key: string): void;
  reset(key: string): void;
}

export function createRateLimiter({ max, windowMs, now = Date.now }: RateLimiterOptions): RateLimiter {
  const hits = new Map<string, number[]>();
  const recent = (key: string): number[] => {
    const cutoff = now() - windowMs;
    const list = (hits.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) hits.set(key, list);
    else hits.delete(key);
    return list;
  };
  return {
    retryAfter(key) {
      const list = recent(key);
      if (list.length < max) return 0;
      return Math.max(1, (list[list.length - max] ?? now()) + windowMs - now());
    },
    record(key) {
      const list = recent(key);
      list.push(now());
      hits.set(key, list);
      // Keep memory bounded under a spray of distinct keys.
      if (hits.size > 50_000) {
        for (const k of hits.keys()) {
          recent(k);
          if (hits.size <= 25_000) break;
        }
      }
    },
    reset(key) {
      hits.delete(key);
    },
  };
}
