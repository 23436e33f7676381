// Reconnect delays: exponential with "full jitter" (a random delay between 0
// and the cap), so that 1,500 tablets coming back after a relay restart do not
// all knock at the same millisecond.
export interface Backoff {
  next(): number;
  reset(): void;
}

export function createBackoff(baseMs = 500, capMs = 30_000, random: () => number = Math.random): Backoff {
  let attempt = 0;
  return {
    next() {
      const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
      attempt = Math.min(attempt + 1, 20);
      return Math.round(baseMs / 4 + random() * ceiling);
    },
    reset() {
      attempt = 0;
    },
  };
}
