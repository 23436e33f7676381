// The typed block-id table must answer as a Map would, across growth.
import { describe, expect, it } from 'vitest';
import { NumberTable } from '../../src/domain/engine/numberTable';
import { mulberry32 } from './random';

describe('NumberTable', () => {
  it('gives the id of every added key and -1 for others, through rehashes', () => {
    const rnd = mulberry32(3);
    const table = new NumberTable(4);
    const ref = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      // Large keys, small keys and keys equal in their low 32 bits.
      const key = i % 3 === 0 ? Math.floor(rnd() * 2 ** 53) : i % 3 === 1 ? Math.floor(rnd() * 50) : (i % 7) * 2 ** 32 + 5;
      if (ref.has(key)) expect(table.get(key)).toBe(ref.get(key));
      else {
        expect(table.get(key)).toBe(-1);
        table.add(key, ref.size);
        ref.set(key, ref.size);
      }
    }
    expect(table.size).toBe(ref.size);
    for (const [k, v] of ref) expect(table.get(k)).toBe(v);
    expect(table.get(2 ** 52 + 12345)).toBe(ref.get(2 ** 52 + 12345) ?? -1);
  });

  it('idOrAdd gives an added key its id once, and that id ever after', () => {
    const rnd = mulberry32(5);
    const table = new NumberTable(4);
    const ref = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const key = i % 3 === 0 ? Math.floor(rnd() * 2 ** 53) : i % 3 === 1 ? Math.floor(rnd() * 50) : (i % 7) * 2 ** 32 + 5;
      const id = table.idOrAdd(key, ref.size);
      if (!ref.has(key)) ref.set(key, ref.size);
      expect(id).toBe(ref.get(key));
    }
    expect(table.size).toBe(ref.size);
    for (const [k, v] of ref) expect(table.get(k)).toBe(v);
  });
});
