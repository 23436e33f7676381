// Tunable limits of the relay. Defaults suit a city workspace on one small server.

export interface RelayLimits {
  /**
   * Largest frame a client may send. A 10k-row import arrives as one update of
   * roughly 5 MB, so 16 MiB leaves room. Larger frames close with TOO_LARGE.
   */
  maxMessageBytes: number;
  /**
   * Hard transport cap enforced by `ws` before a frame is buffered (it closes
   * with 1009). Frames between maxMessageBytes and this get our own TOO_LARGE.
   */
  transportMaxBytes: number;
  /** After an oversize frame, reconnections of that user to that sheet are closed at once for this long. */
  oversizeCooldownMs: number;
  /** A doc with no connection stays in memory this long before it is unloaded. */
  unloadGraceMs: number;
  /** Compact a doc's stored log once it holds this many entries. */
  compactAfterEntries: number;
  /** A client that lets this much outgoing data pile up is disconnected (GOING_AWAY). */
  maxBufferedBytes: number;
  /** WebSocket ping interval; a client that misses one pong is dropped. */
  pingIntervalMs: number;
}

export const DEFAULT_RELAY_LIMITS: RelayLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  transportMaxBytes: 32 * 1024 * 1024,
  oversizeCooldownMs: 60_000,
  unloadGraceMs: 10_000,
  compactAfterEntries: 500,
  maxBufferedBytes: 64 * 1024 * 1024,
  pingIntervalMs: 30_000,
};

export function resolveLimits(partial: Partial<RelayLimits> = {}): RelayLimits {
  const limits = { ...DEFAULT_RELAY_LIMITS, ...partial };
  // The transport cap must stay above the application limit, or clients would
  // see ws' anonymous 1009 instead of our TOO_LARGE with a reason.
  if (limits.transportMaxBytes <= limits.maxMessageBytes) {
    limits.transportMaxBytes = limits.maxMessageBytes * 2;
  }
  return limits;
}
