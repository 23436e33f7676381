// Reconnect delays: growing, capped, spread by jitter (so 1,500 tablets coming
// back after a relay restart do not knock at once), and short again after a success.
import { describe, expect, it } from 'vitest';
import { createBackoff } from '../../src/app/sheet/sync/backoff';
import { prng } from '../helpers/prng';

describe('reconnect backoff', () => {
  it('doubles its ceiling per attempt up to the cap, and resets', () => {
    const top = createBackoff(500, 30_000, () => 1);
    const delays = Array.from({ length: 10 }, () => top.next());
    expect(delays.slice(0, 4)).toEqual([625, 1125, 2125, 4125]);
    expect(Math.max(...delays)).toBe(30_125);
    top.reset();
    expect(top.next()).toBe(625);
  });

  it('spreads clients that fail together over the whole window', () => {
    const random = prng(42).next;
    const firstRetry = Array.from({ length: 1500 }, () => createBackoff(500, 30_000, random));
    for (let i = 0; i < 6; i++) for (const b of firstRetry) b.next();
    const delays = firstRetry.map((b) => b.next()); // 7th attempt: ceiling 30 s
    const buckets = new Array(10).fill(0);
    for (const d of delays) buckets[Math.min(9, Math.floor(((d - 125) / 30_000) * 10))]++;
    // Roughly uniform: every 3-second slice gets between 100 and 200 of the 1,500 clients.
    for (const n of buckets) expect(n).toBeGreaterThan(100);
    for (const n of buckets) expect(n).toBeLessThan(200);
  });
});
